# ruff: noqa: E501  (Vietnamese prose data: long string literals are kept whole where they read better)
"""Starter national framework catalogue (danh mục vị trí việc làm khung): common professional
positions (chuyên môn, nghiệp vụ dùng chung), support and service positions, and the leadership
posts of a provincial department (sở) and of a post-2025 commune (phòng thuộc UBND cấp xã).

Each entry carries a sample description in the JSON shape ``positions.services.content_from_sample``
reads: prose fields as light HTML (<p>, <ul><li>, <strong>), ``tasks`` as task/outputs/criteria
rows, and recommended competency levels as ``[code, level]`` pairs. The content is a starting
point for an HR officer, not an approved description: each body adapts it to its own functions.
Support and service posts (lái xe, bảo vệ, phục vụ, lễ tân) are filled under labour contracts
(Nghị định 111/2022/NĐ-CP), so they carry no rank.
"""

FRAMEWORK_LEGAL_BASIS = ("ND361-2025", "LUAT80-2025")

# --------------------------------------------------------------------------- shared prose

OFFICE_CONDITIONS = (
    "<p>Làm việc tại trụ sở cơ quan theo giờ hành chính; được trang bị máy tính, thiết bị văn phòng, kết nối "
    "mạng và các hệ thống thông tin dùng chung của cơ quan; đi công tác khi được phân công.</p>"
)
LEADER_CONDITIONS = (
    "<p>Làm việc tại trụ sở cơ quan; được bố trí phòng làm việc, phương tiện, trang thiết bị theo tiêu chuẩn, "
    "định mức; thường xuyên đi công tác cơ sở và làm việc ngoài giờ khi có yêu cầu.</p>"
)
OFFICER_QUALITIES = (
    "<ul><li>Bản lĩnh chính trị vững vàng; phẩm chất đạo đức tốt; trung thực, khách quan.</li>"
    "<li>Có tinh thần trách nhiệm, chủ động, cẩn thận trong công việc.</li>"
    "<li>Có tinh thần hợp tác, cầu thị, sẵn sàng học hỏi.</li></ul>"
)
LEADER_QUALITIES = (
    "<ul><li>Bản lĩnh chính trị vững vàng, tuyệt đối trung thành với lợi ích quốc gia, dân tộc và nhân dân.</li>"
    "<li>Gương mẫu, liêm chính, dám nghĩ, dám làm, dám chịu trách nhiệm.</li>"
    "<li>Có uy tín, có khả năng đoàn kết, quy tụ tập thể.</li></ul>"
)
SUPPORT_QUALITIES = (
    "<ul><li>Trung thực, có ý thức tổ chức kỷ luật.</li>"
    "<li>Tác phong nhanh nhẹn, lịch sự, hòa nhã.</li>"
    "<li>Có sức khỏe tốt để đáp ứng yêu cầu công việc.</li></ul>"
)
CONTRACT_NOTE = (
    "<p>Thực hiện theo hợp đồng lao động theo Nghị định 111/2022/NĐ-CP về hợp đồng đối với một số loại công "
    "việc trong cơ quan hành chính và đơn vị sự nghiệp công lập.</p>"
)
LEADER_STANDARD = (
    "<p>Đáp ứng tiêu chuẩn chức danh lãnh đạo, quản lý do cấp có thẩm quyền quy định (trình độ lý luận chính "
    "trị, bồi dưỡng kiến thức quản lý nhà nước, quy hoạch, độ tuổi bổ nhiệm).</p>"
)


def _position(
    code,
    name,
    group,
    subgroup="",
    ranks=(None, None),
    *,
    objective,
    tasks,
    internal,
    external,
    authority,
    training_field,
    experience,
    competencies,
    training_level="Đại học trở lên",
    working_conditions=OFFICE_CONDITIONS,
    personal_qualities=OFFICER_QUALITIES,
    other_requirements="",
):
    assert 3 <= len(tasks) <= 8, code
    return {
        "code": code,
        "name": name,
        "group": group,
        "subgroup": subgroup,
        "min_rank": ranks[0],
        "max_rank": ranks[1],
        "sample": {
            "objective": objective,
            "tasks": [{"task": t, "outputs": o, "criteria": c} for t, o, c in tasks],
            "relationships_internal": internal,
            "relationships_external": external,
            "authority": authority,
            "working_conditions": working_conditions,
            "training_level": training_level,
            "training_field": training_field,
            "experience": experience,
            "personal_qualities": personal_qualities,
            "other_requirements": other_requirements,
            "competencies": [list(pair) for pair in competencies],
        },
    }


CHUYEN_VIEN = ("01.003", "01.002")  # Chuyên viên .. Chuyên viên chính
CAN_SU_CHUYEN_VIEN_CHINH = ("01.004", "01.002")

# --------------------------------------------------------------------------- chuyên môn, nghiệp vụ dùng chung

COMMON = [
    _position(
        "CMNV-DC-01",
        "Văn thư",
        "CMNV",
        "DC",
        ("02.008", "02.006"),
        objective=(
            "<p>Thực hiện công tác văn thư của cơ quan: tiếp nhận, đăng ký, trình, chuyển giao văn bản đến; kiểm "
            "tra thể thức, đăng ký, phát hành văn bản đi; quản lý, sử dụng con dấu và thiết bị lưu khóa bí mật chữ "
            "ký số; hướng dẫn lập hồ sơ và nộp lưu theo quy định về công tác văn thư.</p>"
        ),
        tasks=[
            (
                "Tiếp nhận, kiểm tra, đăng ký văn bản đến (giấy và điện tử); trình lãnh đạo cho ý kiến phân phối và "
                "chuyển giao cho đơn vị, cá nhân xử lý.",
                "Sổ, cơ sở dữ liệu văn bản đến được cập nhật; văn bản được chuyển giao trên hệ thống quản lý văn bản "
                "và điều hành.",
                "Văn bản đến được đăng ký, chuyển giao trong ngày làm việc; văn bản khẩn được chuyển ngay; không thất "
                "lạc văn bản.",
            ),
            (
                "Kiểm tra thể thức, kỹ thuật trình bày; ghi số, ngày, tháng; đóng dấu, ký số của cơ quan và phát "
                "hành văn bản đi.",
                "Văn bản đi được phát hành đến đúng nơi nhận; bản lưu tại văn thư.",
                "Văn bản phát hành đúng thể thức, đúng thời hạn; không sai sót về số, ký hiệu, nơi nhận.",
            ),
            (
                "Quản lý, sử dụng con dấu, thiết bị lưu khóa bí mật chữ ký số của cơ quan.",
                "Sổ theo dõi sử dụng con dấu; biên bản bàn giao con dấu khi vắng mặt.",
                "Đóng dấu, ký số đúng thẩm quyền, đúng quy định; không để xảy ra việc sử dụng con dấu, chữ ký số trái "
                "phép.",
            ),
            (
                "Theo dõi, đôn đốc việc giải quyết văn bản đến có thời hạn; báo cáo tình hình xử lý văn bản.",
                "Báo cáo định kỳ tình hình tiếp nhận, giải quyết văn bản.",
                "Báo cáo chính xác, đúng kỳ; văn bản sắp đến hạn, quá hạn được cảnh báo kịp thời.",
            ),
            (
                "Hướng dẫn lập hồ sơ công việc; thu thập, giao nhận hồ sơ, tài liệu vào lưu trữ cơ quan.",
                "Danh mục hồ sơ của cơ quan; biên bản giao nhận và mục lục hồ sơ nộp lưu.",
                "Hồ sơ nộp lưu đúng thời hạn, đủ thành phần theo danh mục hồ sơ.",
            ),
            (
                "Cấp giấy giới thiệu, giấy đi đường; sao văn bản (sao y, sao lục, trích sao) theo quy định.",
                "Giấy giới thiệu, giấy đi đường, bản sao văn bản.",
                "Đúng thẩm quyền, đúng thể thức; được đăng ký, theo dõi đầy đủ.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của lãnh đạo cơ quan và Chánh Văn phòng; phối hợp với các phòng, đơn vị trong chuyển "
            "giao văn bản, lập và nộp lưu hồ sơ.</p>"
        ),
        external=(
            "<p>Gửi, nhận văn bản với cơ quan, tổ chức, cá nhân qua trục liên thông văn bản quốc gia và bưu chính; "
            "phối hợp với cơ quan lưu trữ khi có yêu cầu.</p>"
        ),
        authority=(
            "<ul><li>Từ chối đăng ký, phát hành văn bản sai thể thức hoặc chưa đúng thẩm quyền ký.</li>"
            "<li>Yêu cầu đơn vị, cá nhân hoàn thiện hồ sơ trước khi nộp lưu.</li>"
            "<li>Quản lý con dấu, thiết bị chữ ký số được giao.</li></ul>"
        ),
        training_level="Trung cấp trở lên (ngạch văn thư viên trung cấp); đại học trở lên (văn thư viên, văn thư viên chính)",
        training_field=(
            "Văn thư, lưu trữ, lưu trữ học, quản trị văn phòng; ngành khác phải có chứng chỉ bồi dưỡng nghiệp vụ văn "
            "thư"
        ),
        experience="<p>Ưu tiên người đã làm công tác văn thư, hành chính và sử dụng thành thạo hệ thống quản lý văn bản, chữ ký số.</p>",
        personal_qualities=(
            "<ul><li>Cẩn thận, chính xác, ngăn nắp.</li><li>Giữ gìn bí mật nhà nước, bí mật công tác.</li>"
            "<li>Tác phong nhanh nhẹn, lịch sự.</li></ul>"
        ),
        other_requirements="<p>Nắm vững quy định của Chính phủ về công tác văn thư và quy chế văn thư, lưu trữ của cơ quan.</p>",
        competencies=[
            ("NLC01", 3),
            ("NLC02", 2),
            ("NLC03", 3),
            ("NLC04", 2),
            ("NLC05", 2),
            ("NLC06", 3),
            ("NLCM04", 3),
        ],
    ),
    _position(
        "CMNV-DC-02",
        "Lưu trữ",
        "CMNV",
        "DC",
        CAN_SU_CHUYEN_VIEN_CHINH,
        objective=(
            "<p>Thực hiện công tác lưu trữ của cơ quan: thu thập, chỉnh lý, xác định giá trị, bảo quản an toàn và tổ "
            "chức khai thác, sử dụng tài liệu lưu trữ giấy và điện tử theo Luật Lưu trữ.</p>"
        ),
        tasks=[
            (
                "Xây dựng kế hoạch thu thập; hướng dẫn, tiếp nhận hồ sơ, tài liệu đến hạn nộp lưu từ các đơn vị.",
                "Kế hoạch thu thập; biên bản giao nhận, mục lục hồ sơ nộp lưu.",
                "Tài liệu đến hạn được thu thập đầy đủ; hồ sơ nộp lưu đúng thành phần, đúng thời hạn.",
            ),
            (
                "Chỉnh lý tài liệu: phân loại, xác định giá trị, lập hồ sơ, biên mục, sắp xếp và lập công cụ tra cứu.",
                "Hồ sơ được chỉnh lý hoàn chỉnh; mục lục hồ sơ; danh mục tài liệu hết giá trị.",
                "Chỉnh lý đúng hướng dẫn nghiệp vụ; công cụ tra cứu chính xác, dễ sử dụng.",
            ),
            (
                "Bảo quản tài liệu: kiểm tra kho, vệ sinh, phòng chống cháy nổ, ẩm mốc, côn trùng; theo dõi tình trạng "
                "vật lý của tài liệu.",
                "Sổ theo dõi kho; báo cáo kiểm tra kho định kỳ.",
                "Không để tài liệu hư hỏng, mất mát; điều kiện kho đạt yêu cầu.",
            ),
            (
                "Phục vụ khai thác, sử dụng tài liệu; cấp bản sao, chứng thực lưu trữ theo yêu cầu.",
                "Phiếu yêu cầu khai thác; sổ đăng ký khai thác; bản sao, chứng thực lưu trữ.",
                "Phục vụ đúng thẩm quyền cho phép, đúng thời hạn; bảo đảm bí mật thông tin.",
            ),
            (
                "Số hóa tài liệu lưu trữ; quản lý tài liệu lưu trữ điện tử trên hệ thống.",
                "Cơ sở dữ liệu tài liệu lưu trữ; báo cáo kết quả số hóa.",
                "Dữ liệu số hóa đầy đủ, chính xác, đúng chuẩn; được sao lưu định kỳ.",
            ),
            (
                "Tham mưu thành lập Hội đồng xác định giá trị tài liệu; lập hồ sơ hủy tài liệu hết giá trị.",
                "Hồ sơ đề nghị hủy; quyết định, biên bản hủy tài liệu.",
                "Tài liệu chỉ được hủy khi có quyết định của người có thẩm quyền; hồ sơ hủy đầy đủ.",
            ),
            (
                "Thống kê, báo cáo định kỳ về công tác lưu trữ.",
                "Báo cáo thống kê công tác lưu trữ hằng năm.",
                "Số liệu chính xác, nộp đúng hạn.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của Chánh Văn phòng; phối hợp với văn thư và các phòng, đơn vị trong lập hồ sơ, nộp "
            "lưu và khai thác tài liệu.</p>"
        ),
        external=(
            "<p>Phối hợp với cơ quan quản lý lưu trữ và lưu trữ lịch sử cấp tỉnh, bộ trong hướng dẫn nghiệp vụ, nộp "
            "lưu tài liệu có giá trị bảo quản vĩnh viễn; phục vụ tổ chức, cá nhân khai thác tài liệu.</p>"
        ),
        authority=(
            "<ul><li>Từ chối tiếp nhận hồ sơ chưa được lập đúng quy định.</li>"
            "<li>Từ chối phục vụ khai thác tài liệu khi chưa được người có thẩm quyền cho phép.</li></ul>"
        ),
        training_level="Đại học trở lên (cao đẳng, trung cấp đối với ngạch cán sự)",
        training_field=(
            "Lưu trữ học, văn thư – lưu trữ, lưu trữ và quản lý thông tin; ngành khác phải có chứng chỉ bồi dưỡng "
            "nghiệp vụ lưu trữ"
        ),
        experience="<p>Ưu tiên người đã tham gia chỉnh lý, số hóa tài liệu lưu trữ.</p>",
        personal_qualities=(
            "<ul><li>Cẩn thận, tỉ mỉ, kiên trì.</li><li>Giữ gìn bí mật nhà nước, bí mật công tác.</li>"
            "<li>Có ý thức bảo vệ tài liệu, tài sản của cơ quan.</li></ul>"
        ),
        working_conditions=(
            "<p>Làm việc tại trụ sở và kho lưu trữ; được trang bị giá, hộp, thiết bị bảo quản, thiết bị số hóa và bảo "
            "hộ lao động khi làm việc trong kho.</p>"
        ),
        competencies=[("NLC01", 3), ("NLC02", 3), ("NLC03", 2), ("NLC05", 2), ("NLC06", 3), ("NLCM04", 3)],
    ),
    _position(
        "CMNV-DC-03",
        "Chuyên viên về hành chính – văn phòng",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu, giúp Chánh Văn phòng tổ chức các hoạt động hành chính của cơ quan: chương trình, lịch công "
            "tác; hội họp, làm việc của lãnh đạo; kiểm soát văn bản trình ký; theo dõi nhiệm vụ được giao, bảo đảm "
            "hoạt động chỉ đạo, điều hành thông suốt.</p>"
        ),
        tasks=[
            (
                "Xây dựng chương trình công tác năm, quý, tháng và lịch làm việc hằng tuần của lãnh đạo cơ quan.",
                "Chương trình công tác; lịch công tác tuần đăng trên cổng thông tin nội bộ.",
                "Đúng hạn; bám sát nhiệm vụ trọng tâm; thay đổi được cập nhật, thông báo kịp thời.",
            ),
            (
                "Chuẩn bị nội dung, điều kiện tổ chức các cuộc họp, hội nghị, buổi làm việc của lãnh đạo; ghi biên "
                "bản, dự thảo thông báo kết luận.",
                "Giấy mời, tài liệu họp; biên bản; thông báo kết luận cuộc họp.",
                "Tài liệu gửi trước theo quy chế làm việc; thông báo kết luận ban hành kịp thời, phản ánh đúng ý kiến "
                "chỉ đạo.",
            ),
            (
                "Theo dõi, đôn đốc việc thực hiện nhiệm vụ do lãnh đạo giao và kết luận của lãnh đạo cơ quan.",
                "Bảng theo dõi nhiệm vụ; báo cáo định kỳ tình hình thực hiện nhiệm vụ được giao.",
                "Nhiệm vụ chậm, quá hạn được phát hiện, báo cáo kịp thời; số liệu chính xác.",
            ),
            (
                "Kiểm soát thể thức, thủ tục văn bản trình lãnh đạo ký ban hành.",
                "Phiếu trình, ý kiến kiểm soát văn bản.",
                "Văn bản trình đúng thể thức, đúng thẩm quyền, đủ hồ sơ kèm theo.",
            ),
            (
                "Tham mưu thực hiện quy chế làm việc, quy chế dân chủ, văn hóa công sở và cải cách hành chính nội bộ.",
                "Dự thảo quy chế, kế hoạch; báo cáo kết quả thực hiện.",
                "Quy chế được ban hành, cập nhật phù hợp quy định mới và được thực hiện nghiêm.",
            ),
            (
                "Xây dựng các báo cáo định kỳ, đột xuất về hoạt động chung của cơ quan theo phân công.",
                "Báo cáo tuần, tháng, quý, năm.",
                "Đầy đủ, chính xác, đúng hạn.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo trực tiếp của Chánh Văn phòng; phối hợp với các phòng, đơn vị trong xây dựng chương "
            "trình công tác, tổ chức họp và theo dõi nhiệm vụ.</p>"
        ),
        external="<p>Liên hệ với văn phòng của cơ quan cấp trên, cơ quan ngang cấp để thống nhất lịch làm việc, nội dung phối hợp.</p>",
        authority=(
            "<ul><li>Đề nghị các đơn vị cung cấp thông tin, báo cáo phục vụ tổng hợp.</li>"
            "<li>Trả lại văn bản trình ký chưa đúng thể thức, thủ tục.</li></ul>"
        ),
        training_field="Hành chính học, quản trị văn phòng, luật, quản lý nhà nước hoặc ngành phù hợp với lĩnh vực của cơ quan",
        experience="<p>Ưu tiên người đã làm công tác văn phòng, tổng hợp. Ngạch chuyên viên chính: đáp ứng tiêu chuẩn ngạch.</p>",
        competencies=[
            ("NLC01", 3),
            ("NLC02", 3),
            ("NLC03", 3),
            ("NLC04", 3),
            ("NLC05", 3),
            ("NLC06", 3),
            ("NLCM02", 3),
        ],
    ),
    _position(
        "CMNV-DC-04",
        "Chuyên viên về quản trị công sở",
        "CMNV",
        "DC",
        CAN_SU_CHUYEN_VIEN_CHINH,
        objective=(
            "<p>Quản lý trụ sở, tài sản, phương tiện, trang thiết bị làm việc của cơ quan; tổ chức mua sắm, sửa "
            "chữa, bảo dưỡng và bảo đảm hậu cần, an ninh, phòng cháy chữa cháy, vệ sinh môi trường công sở.</p>"
        ),
        tasks=[
            (
                "Quản lý hồ sơ, sổ sách tài sản công của cơ quan (trụ sở, phương tiện, trang thiết bị); tổ chức kiểm "
                "kê định kỳ.",
                "Sổ theo dõi tài sản; biên bản kiểm kê; báo cáo kê khai tài sản công.",
                "Số liệu khớp với thực tế và sổ kế toán; báo cáo đúng hạn vào cơ sở dữ liệu về tài sản công.",
            ),
            (
                "Lập kế hoạch, dự toán và tổ chức mua sắm, sửa chữa, bảo dưỡng tài sản, trang thiết bị theo tiêu "
                "chuẩn, định mức.",
                "Kế hoạch mua sắm, sửa chữa; hồ sơ lựa chọn nhà thầu; biên bản nghiệm thu, bàn giao.",
                "Đúng tiêu chuẩn, định mức và trình tự mua sắm; tài sản đưa vào sử dụng kịp thời.",
            ),
            (
                "Bố trí phòng làm việc, phòng họp; bảo đảm điện, nước, mạng và thiết bị phục vụ hoạt động hằng ngày.",
                "Phương án bố trí phòng làm việc; lịch sử dụng phòng họp.",
                "Sự cố được khắc phục trong ngày; không làm gián đoạn công việc của cơ quan.",
            ),
            (
                "Quản lý, điều động xe công theo quy chế; theo dõi nhiên liệu, bảo dưỡng, đăng kiểm.",
                "Lệnh điều xe; sổ theo dõi nhiên liệu, hành trình; hồ sơ bảo dưỡng.",
                "Điều xe đúng đối tượng, định mức; xe luôn trong tình trạng kỹ thuật tốt.",
            ),
            (
                "Tham mưu công tác phòng cháy chữa cháy, an ninh trật tự, vệ sinh môi trường công sở.",
                "Phương án phòng cháy chữa cháy; kế hoạch diễn tập; hợp đồng dịch vụ vệ sinh, bảo vệ.",
                "Không để xảy ra cháy nổ, mất an ninh; phương tiện phòng cháy được kiểm tra đúng hạn.",
            ),
            (
                "Đề xuất điều chuyển, thanh lý tài sản hư hỏng, không còn nhu cầu sử dụng.",
                "Hồ sơ đề nghị điều chuyển, thanh lý tài sản.",
                "Đúng trình tự, thẩm quyền theo Luật Quản lý, sử dụng tài sản công; không thất thoát tài sản.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của Chánh Văn phòng; phối hợp với kế toán trong theo dõi tài sản, với các phòng, đơn "
            "vị về nhu cầu trang thiết bị; quản lý lái xe, bảo vệ, nhân viên phục vụ theo phân công.</p>"
        ),
        external=(
            "<p>Làm việc với nhà cung cấp, nhà thầu, cơ quan tài chính, công an (phòng cháy chữa cháy) và đơn vị dịch "
            "vụ liên quan.</p>"
        ),
        authority=(
            "<ul><li>Đề xuất nhà cung cấp, phương án sửa chữa, mua sắm.</li>"
            "<li>Nhắc nhở, yêu cầu chấm dứt việc sử dụng tài sản sai mục đích, sai quy chế.</li></ul>"
        ),
        training_level="Đại học trở lên (cao đẳng, trung cấp đối với ngạch cán sự)",
        training_field="Quản trị văn phòng, kinh tế, quản lý công, kỹ thuật hoặc ngành phù hợp",
        experience="<p>Ưu tiên người có kinh nghiệm quản lý tài sản, mua sắm công.</p>",
        competencies=[
            ("NLC01", 3),
            ("NLC02", 3),
            ("NLC03", 2),
            ("NLC04", 2),
            ("NLC05", 3),
            ("NLC06", 2),
            ("NLCM07", 3),
        ],
    ),
    _position(
        "CMNV-DC-05",
        "Chuyên viên về công nghệ thông tin",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu, tổ chức ứng dụng công nghệ thông tin và chuyển đổi số trong hoạt động của cơ quan; quản "
            "trị, vận hành hạ tầng kỹ thuật, hệ thống thông tin, cơ sở dữ liệu, cổng/trang thông tin điện tử và hỗ "
            "trợ người dùng.</p>"
        ),
        tasks=[
            (
                "Xây dựng kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số hằng năm và theo giai đoạn của cơ quan.",
                "Kế hoạch chuyển đổi số; báo cáo đánh giá kết quả thực hiện.",
                "Phù hợp kiến trúc chính quyền số của bộ, tỉnh; chỉ tiêu cụ thể, đo lường được.",
            ),
            (
                "Quản trị, vận hành mạng nội bộ, máy chủ, thiết bị, thư điện tử công vụ và phần mềm dùng chung.",
                "Nhật ký vận hành; sổ theo dõi thiết bị; bản sao lưu dữ liệu.",
                "Hệ thống hoạt động ổn định, liên tục; dữ liệu được sao lưu theo lịch.",
            ),
            (
                "Quản trị kỹ thuật cổng/trang thông tin điện tử, hệ thống quản lý văn bản và điều hành, dịch vụ công "
                "trực tuyến.",
                "Tài khoản, phân quyền người dùng; báo cáo hoạt động của hệ thống.",
                "Phân quyền đúng chức năng; yêu cầu hỗ trợ được xử lý trong thời hạn cam kết.",
            ),
            (
                "Hỗ trợ, hướng dẫn công chức sử dụng thiết bị, phần mềm, chữ ký số; xử lý sự cố kỹ thuật.",
                "Phiếu yêu cầu hỗ trợ đã xử lý; tài liệu hướng dẫn sử dụng.",
                "Sự cố thông thường được khắc phục trong ngày; người dùng hài lòng.",
            ),
            (
                "Tham gia xây dựng, thẩm định, nghiệm thu dự án, nhiệm vụ công nghệ thông tin của cơ quan.",
                "Ý kiến thẩm định; biên bản nghiệm thu.",
                "Đúng quy định về quản lý đầu tư ứng dụng công nghệ thông tin sử dụng ngân sách nhà nước.",
            ),
            (
                "Xây dựng, cập nhật và kết nối cơ sở dữ liệu chuyên ngành với các cơ sở dữ liệu quốc gia theo phân "
                "công.",
                "Cơ sở dữ liệu được cập nhật; báo cáo kết nối, chia sẻ dữ liệu.",
                "Dữ liệu đúng, đủ, sạch, sống; kết nối thông suốt.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của lãnh đạo phòng/Văn phòng; hỗ trợ mọi phòng, đơn vị về kỹ thuật; phối hợp với bộ "
            "phận an toàn thông tin.</p>"
        ),
        external=(
            "<p>Phối hợp với đơn vị chuyên trách công nghệ thông tin của bộ, tỉnh, nhà cung cấp dịch vụ hạ tầng, "
            "phần mềm và nhà thầu.</p>"
        ),
        authority=(
            "<ul><li>Cấp, thu hồi, phân quyền tài khoản người dùng theo quy chế.</li>"
            "<li>Tạm ngắt kết nối thiết bị có nguy cơ mất an toàn và báo cáo ngay lãnh đạo.</li></ul>"
        ),
        training_field=(
            "Công nghệ thông tin, khoa học máy tính, kỹ thuật phần mềm, hệ thống thông tin, mạng máy tính và truyền "
            "thông dữ liệu hoặc ngành gần"
        ),
        experience="<p>Ưu tiên người đã quản trị hệ thống, cơ sở dữ liệu hoặc tham gia dự án chuyển đổi số.</p>",
        competencies=[
            ("NLC01", 3),
            ("NLC02", 3),
            ("NLC03", 2),
            ("NLC04", 2),
            ("NLC05", 3),
            ("NLC06", 4),
            ("NLC07", 2),
            ("NLCM05", 3),
        ],
    ),
    _position(
        "CMNV-DC-06",
        "Chuyên viên về an toàn thông tin",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu, tổ chức bảo đảm an toàn thông tin mạng cho các hệ thống thông tin của cơ quan theo cấp độ; "
            "giám sát, phát hiện, ứng cứu sự cố và nâng cao nhận thức, kỹ năng an toàn thông tin của công chức.</p>"
        ),
        tasks=[
            (
                "Xác định cấp độ, lập hồ sơ đề xuất cấp độ an toàn cho các hệ thống thông tin; tổ chức thực hiện "
                "phương án bảo đảm an toàn đã được phê duyệt.",
                "Hồ sơ đề xuất cấp độ; phương án bảo đảm an toàn thông tin.",
                "Mọi hệ thống thông tin đang vận hành được xác định cấp độ và có phương án bảo vệ tương ứng.",
            ),
            (
                "Giám sát an toàn thông tin, theo dõi cảnh báo, nhật ký hệ thống; phối hợp với đơn vị giám sát của bộ, "
                "tỉnh.",
                "Báo cáo giám sát định kỳ; danh sách cảnh báo và kết quả xử lý.",
                "Cảnh báo nghiêm trọng được xử lý kịp thời; không để lộ, lọt dữ liệu.",
            ),
            (
                "Kiểm tra, đánh giá, rà quét lỗ hổng bảo mật; đề xuất và theo dõi việc khắc phục.",
                "Báo cáo đánh giá; kế hoạch khắc phục lỗ hổng.",
                "Đánh giá định kỳ theo quy định; lỗ hổng mức cao được khắc phục trong thời hạn cam kết.",
            ),
            (
                "Xây dựng kế hoạch ứng phó sự cố; tham gia ứng cứu sự cố và diễn tập an toàn thông tin.",
                "Kế hoạch ứng phó sự cố; báo cáo sự cố; báo cáo diễn tập.",
                "Sự cố được báo cáo, xử lý đúng quy trình; hệ thống được khôi phục trong thời gian mục tiêu.",
            ),
            (
                "Tuyên truyền, hướng dẫn kỹ năng an toàn thông tin cho công chức, người lao động.",
                "Tài liệu hướng dẫn; danh sách người được tập huấn.",
                "Công chức được phổ biến hằng năm; số vi phạm an toàn thông tin nội bộ giảm.",
            ),
            (
                "Tham mưu ban hành quy chế bảo đảm an toàn thông tin mạng của cơ quan và kiểm tra việc thực hiện.",
                "Quy chế an toàn thông tin; biên bản kiểm tra.",
                "Quy chế phù hợp quy định hiện hành; vi phạm được phát hiện và kiến nghị xử lý.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của lãnh đạo phòng; phối hợp chặt chẽ với chuyên viên công nghệ thông tin và các đơn "
            "vị chủ quản hệ thống thông tin.</p>"
        ),
        external=(
            "<p>Phối hợp với đơn vị chuyên trách an toàn thông tin của bộ, tỉnh, cơ quan điều phối ứng cứu sự cố "
            "quốc gia, công an và nhà cung cấp dịch vụ.</p>"
        ),
        authority=(
            "<ul><li>Yêu cầu tạm dừng, cách ly hệ thống, thiết bị có dấu hiệu bị tấn công.</li>"
            "<li>Kiến nghị xử lý cá nhân, đơn vị vi phạm quy chế an toàn thông tin.</li></ul>"
        ),
        training_field=(
            "An toàn thông tin, công nghệ thông tin, mạng máy tính và truyền thông dữ liệu, kỹ thuật máy tính hoặc "
            "ngành gần"
        ),
        experience="<p>Ưu tiên người có chứng chỉ chuyên môn về an toàn thông tin hoặc đã tham gia ứng cứu sự cố.</p>",
        other_requirements="<p>Giữ bí mật thông tin về cấu hình, lỗ hổng và sự cố của hệ thống.</p>",
        competencies=[
            ("NLC01", 4),
            ("NLC02", 3),
            ("NLC03", 2),
            ("NLC05", 3),
            ("NLC06", 4),
            ("NLC07", 2),
            ("NLCM05", 4),
        ],
    ),
    _position(
        "CMNV-DC-07",
        "Chuyên viên về tổ chức – nhân sự",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu công tác tổ chức bộ máy, vị trí việc làm, biên chế và quản lý cán bộ, công chức, viên chức, "
            "người lao động của cơ quan: tuyển dụng, sử dụng, đánh giá, quy hoạch, bổ nhiệm, đào tạo, bồi dưỡng, chế "
            "độ, chính sách, hồ sơ và cơ sở dữ liệu nhân sự.</p>"
        ),
        tasks=[
            (
                "Xây dựng, điều chỉnh đề án vị trí việc làm: danh mục vị trí việc làm, bản mô tả công việc, khung năng "
                "lực và cơ cấu ngạch công chức của cơ quan.",
                "Đề án vị trí việc làm; danh mục, bản mô tả công việc, khung năng lực.",
                "Đúng quy định hiện hành; được cấp có thẩm quyền phê duyệt; cập nhật khi chức năng, nhiệm vụ thay đổi.",
            ),
            (
                "Tham mưu kế hoạch và tổ chức tuyển dụng, tiếp nhận, điều động, luân chuyển, biệt phái công chức.",
                "Kế hoạch tuyển dụng; hồ sơ, quyết định tuyển dụng, điều động.",
                "Đúng trình tự, thủ tục; công khai, minh bạch; tuyển đúng vị trí việc làm còn thiếu.",
            ),
            (
                "Tham mưu đánh giá, xếp loại chất lượng hằng năm; quy hoạch, bổ nhiệm, bổ nhiệm lại, khen thưởng, kỷ "
                "luật theo phân cấp.",
                "Tổng hợp kết quả đánh giá, xếp loại; hồ sơ quy hoạch, bổ nhiệm.",
                "Đúng quy trình, đúng thời hạn; hồ sơ đầy đủ, không bị cấp trên trả lại.",
            ),
            (
                "Thực hiện chế độ tiền lương, nâng bậc lương thường xuyên và trước thời hạn, phụ cấp, nghỉ hưu, tinh "
                "giản biên chế.",
                "Quyết định nâng lương; danh sách nghỉ hưu, tinh giản biên chế; thông báo cho cá nhân.",
                "Không bỏ sót đối tượng, không chậm chế độ; thông báo nghỉ hưu đúng thời hạn quy định.",
            ),
            (
                "Xây dựng kế hoạch và cử công chức đi đào tạo, bồi dưỡng theo tiêu chuẩn ngạch, chức vụ và yêu cầu vị "
                "trí việc làm.",
                "Kế hoạch đào tạo, bồi dưỡng; quyết định cử đi học; báo cáo kết quả.",
                "Đáp ứng tiêu chuẩn ngạch, chức danh; kinh phí sử dụng đúng mục đích.",
            ),
            (
                "Quản lý hồ sơ cán bộ; cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức; thống kê, báo cáo số "
                "lượng, chất lượng đội ngũ.",
                "Hồ sơ cán bộ được bổ sung; cơ sở dữ liệu được cập nhật; báo cáo thống kê.",
                "Dữ liệu khớp với hồ sơ gốc; báo cáo chính xác, đúng hạn.",
            ),
            (
                "Tham mưu sắp xếp tổ chức bộ máy; quy định chức năng, nhiệm vụ, quyền hạn của các phòng, đơn vị trực "
                "thuộc.",
                "Đề án, quyết định quy định chức năng, nhiệm vụ, cơ cấu tổ chức.",
                "Tinh gọn, không chồng chéo chức năng; đúng quy định về tổ chức cơ quan chuyên môn.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của lãnh đạo phòng/Văn phòng và người đứng đầu cơ quan; phối hợp với các phòng, đơn vị "
            "về nhu cầu nhân sự, đánh giá, đào tạo; phối hợp với kế toán về tiền lương.</p>"
        ),
        external=(
            "<p>Làm việc với cơ quan nội vụ cấp trên (thẩm định vị trí việc làm, biên chế, tuyển dụng), cơ sở đào "
            "tạo, cơ quan bảo hiểm xã hội.</p>"
        ),
        authority=(
            "<ul><li>Yêu cầu các đơn vị cung cấp thông tin, hồ sơ nhân sự.</li>"
            "<li>Quản lý, khai thác hồ sơ, cơ sở dữ liệu cán bộ theo phân quyền.</li></ul>"
        ),
        training_field=(
            "Luật, hành chính học, quản lý nhà nước, quản trị nhân lực, xây dựng Đảng và chính quyền nhà nước hoặc "
            "ngành phù hợp"
        ),
        experience="<p>Ưu tiên người đã làm công tác tổ chức cán bộ. Ngạch chuyên viên chính: đáp ứng tiêu chuẩn ngạch.</p>",
        other_requirements="<p>Giữ bí mật hồ sơ cán bộ và bảo vệ dữ liệu cá nhân theo quy định.</p>",
        competencies=[
            ("NLC01", 4),
            ("NLC02", 3),
            ("NLC03", 3),
            ("NLC04", 3),
            ("NLC05", 3),
            ("NLC06", 3),
            ("NLCM01", 2),
            ("NLCM06", 3),
        ],
    ),
    _position(
        "CMNV-DC-08",
        "Chuyên viên về thi đua – khen thưởng",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu tổ chức phong trào thi đua và công tác khen thưởng của cơ quan theo Luật Thi đua, khen "
            "thưởng; thẩm định hồ sơ đề nghị khen thưởng; phát hiện và nhân rộng điển hình tiên tiến.</p>"
        ),
        tasks=[
            (
                "Tham mưu kế hoạch, phát động phong trào thi đua thường xuyên và theo chuyên đề; hướng dẫn đăng ký thi "
                "đua.",
                "Kế hoạch, hướng dẫn thi đua; bảng tổng hợp đăng ký thi đua.",
                "Nội dung thi đua gắn với nhiệm vụ chính trị; ban hành đúng thời điểm.",
            ),
            (
                "Tiếp nhận, thẩm định hồ sơ đề nghị khen thưởng; chuẩn bị nội dung họp Hội đồng thi đua – khen thưởng.",
                "Tờ trình; biên bản họp Hội đồng; danh sách đề nghị khen thưởng.",
                "Đúng đối tượng, tiêu chuẩn, thủ tục, thời hạn; không sai sót phải thu hồi.",
            ),
            (
                "Dự thảo quyết định khen thưởng theo thẩm quyền; lập hồ sơ trình cấp trên khen thưởng.",
                "Quyết định khen thưởng; hồ sơ trình cấp trên.",
                "Khen thưởng kịp thời, chính xác, công khai.",
            ),
            (
                "Phát hiện, tổng hợp, tuyên truyền gương điển hình tiên tiến, người tốt, việc tốt.",
                "Báo cáo điển hình; bài viết tuyên truyền.",
                "Điển hình thực chất, được nhân rộng.",
            ),
            (
                "Sơ kết, tổng kết phong trào thi đua; quản lý hồ sơ, dữ liệu khen thưởng.",
                "Báo cáo sơ kết, tổng kết; sổ, cơ sở dữ liệu khen thưởng.",
                "Số liệu chính xác; tra cứu được quá trình khen thưởng của từng cá nhân, tập thể.",
            ),
        ],
        internal="<p>Chịu sự chỉ đạo của lãnh đạo phòng/Văn phòng; là thường trực giúp việc Hội đồng thi đua – khen thưởng cơ quan.</p>",
        external="<p>Làm việc với cơ quan thi đua – khen thưởng cấp trên và các cụm, khối thi đua.</p>",
        authority=(
            "<ul><li>Đề nghị các đơn vị bổ sung, hoàn thiện hồ sơ khen thưởng.</li>"
            "<li>Kiến nghị không trình khen thưởng khi hồ sơ không đủ điều kiện.</li></ul>"
        ),
        training_field="Hành chính học, luật, quản lý nhà nước, khoa học xã hội hoặc ngành phù hợp",
        experience="<p>Ưu tiên người đã làm công tác thi đua, khen thưởng hoặc tổng hợp.</p>",
        competencies=[
            ("NLC01", 3),
            ("NLC02", 3),
            ("NLC03", 3),
            ("NLC04", 3),
            ("NLC05", 3),
            ("NLC06", 2),
            ("NLCM02", 3),
        ],
    ),
    _position(
        "CMNV-DC-09",
        "Chuyên viên về pháp chế",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu công tác pháp chế của cơ quan: xây dựng, góp ý, thẩm định, kiểm tra, rà soát, hệ thống hóa "
            "văn bản quy phạm pháp luật; phổ biến, giáo dục pháp luật; theo dõi thi hành pháp luật trong lĩnh vực quản "
            "lý.</p>"
        ),
        tasks=[
            (
                "Chủ trì hoặc tham gia soạn thảo văn bản quy phạm pháp luật thuộc lĩnh vực quản lý của cơ quan.",
                "Dự thảo văn bản; tờ trình; báo cáo tiếp thu, giải trình ý kiến.",
                "Đúng trình tự, thủ tục theo Luật Ban hành văn bản quy phạm pháp luật; bảo đảm tính hợp hiến, hợp "
                "pháp, thống nhất.",
            ),
            (
                "Góp ý, cho ý kiến pháp lý đối với dự thảo văn bản, hợp đồng, đề án do các đơn vị chuẩn bị trước khi "
                "trình lãnh đạo.",
                "Văn bản góp ý; ý kiến pháp lý.",
                "Đúng thời hạn; phát hiện đầy đủ nội dung trái pháp luật, chồng chéo.",
            ),
            (
                "Rà soát, hệ thống hóa văn bản quy phạm pháp luật; tự kiểm tra văn bản do cơ quan ban hành.",
                "Danh mục văn bản hết hiệu lực; báo cáo rà soát, kiểm tra văn bản.",
                "Danh mục được công bố đúng hạn; văn bản trái pháp luật được kiến nghị xử lý.",
            ),
            (
                "Xây dựng và tổ chức thực hiện kế hoạch phổ biến, giáo dục pháp luật.",
                "Kế hoạch; tài liệu tuyên truyền; hội nghị phổ biến.",
                "Thực hiện đủ nội dung kế hoạch; văn bản mới được phổ biến kịp thời đến đối tượng chịu tác động.",
            ),
            (
                "Theo dõi tình hình thi hành pháp luật, kiểm tra việc thực hiện pháp luật trong lĩnh vực được giao.",
                "Báo cáo theo dõi thi hành pháp luật.",
                "Phát hiện vướng mắc, bất cập và kiến nghị sửa đổi có căn cứ.",
            ),
            (
                "Tham gia giải quyết vụ việc pháp lý, tranh chấp, vụ án liên quan đến cơ quan khi được phân công.",
                "Ý kiến pháp lý; hồ sơ vụ việc.",
                "Bảo vệ đúng quyền, lợi ích hợp pháp của cơ quan.",
            ),
        ],
        internal="<p>Chịu sự chỉ đạo của lãnh đạo phòng; phối hợp với các phòng, đơn vị chủ trì soạn thảo văn bản.</p>",
        external=(
            "<p>Làm việc với cơ quan tư pháp, cơ quan thẩm định văn bản, cơ quan, tổ chức, cá nhân chịu tác động của "
            "văn bản khi lấy ý kiến.</p>"
        ),
        authority=(
            "<ul><li>Đề nghị đơn vị soạn thảo cung cấp hồ sơ, giải trình nội dung dự thảo.</li>"
            "<li>Kiến nghị đình chỉ, sửa đổi, bãi bỏ văn bản trái pháp luật.</li></ul>"
        ),
        training_field="Luật",
        experience="<p>Ưu tiên người đã tham gia xây dựng, thẩm định văn bản quy phạm pháp luật.</p>",
        other_requirements="<p>Nắm vững Luật Ban hành văn bản quy phạm pháp luật và văn bản hướng dẫn.</p>",
        competencies=[
            ("NLC01", 4),
            ("NLC02", 3),
            ("NLC03", 4),
            ("NLC04", 3),
            ("NLC05", 3),
            ("NLC06", 3),
            ("NLCM01", 3),
            ("NLCM02", 3),
        ],
    ),
    _position(
        "CMNV-DC-10",
        "Chuyên viên về kế hoạch – tài chính",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu xây dựng kế hoạch tài chính, dự toán ngân sách hằng năm và trung hạn của cơ quan; phân bổ, "
            "theo dõi việc sử dụng kinh phí, vốn đầu tư công bảo đảm đúng quy định, tiết kiệm, hiệu quả.</p>"
        ),
        tasks=[
            (
                "Hướng dẫn các đơn vị xây dựng và tổng hợp dự toán ngân sách hằng năm, kế hoạch tài chính – ngân sách "
                "03 năm của cơ quan.",
                "Dự toán ngân sách; kế hoạch tài chính – ngân sách 03 năm; thuyết minh.",
                "Đúng biểu mẫu, thời hạn của cơ quan tài chính; căn cứ định mức, chế độ hiện hành.",
            ),
            (
                "Tham mưu phân bổ, giao dự toán cho các đơn vị trực thuộc; điều chỉnh dự toán khi cần.",
                "Quyết định giao dự toán; văn bản điều chỉnh dự toán.",
                "Phân bổ đúng định mức, đúng thời hạn; công khai theo quy định.",
            ),
            (
                "Theo dõi, đánh giá tình hình thực hiện dự toán, giải ngân vốn đầu tư công; đề xuất giải pháp.",
                "Báo cáo tình hình thực hiện dự toán, giải ngân hằng tháng, quý.",
                "Số liệu khớp với kho bạc; kiến nghị kịp thời các vướng mắc.",
            ),
            (
                "Xây dựng, cập nhật quy chế chi tiêu nội bộ, quy chế quản lý tài sản của cơ quan.",
                "Dự thảo quy chế chi tiêu nội bộ.",
                "Phù hợp chế độ hiện hành và cơ chế tự chủ của cơ quan.",
            ),
            (
                "Thẩm tra, tổng hợp quyết toán ngân sách của các đơn vị trực thuộc; chuẩn bị làm việc với kiểm toán, "
                "thanh tra.",
                "Thông báo thẩm định quyết toán; báo cáo quyết toán tổng hợp.",
                "Đúng thời hạn; kiến nghị của kiểm toán, thanh tra được thực hiện đầy đủ.",
            ),
        ],
        internal="<p>Chịu sự chỉ đạo của lãnh đạo phòng; phối hợp với kế toán, các phòng, đơn vị trực thuộc về nhu cầu kinh phí.</p>",
        external="<p>Làm việc với cơ quan tài chính, kho bạc nhà nước, cơ quan kiểm toán, thanh tra.</p>",
        authority=(
            "<ul><li>Yêu cầu đơn vị cung cấp số liệu, thuyết minh dự toán, quyết toán.</li>"
            "<li>Kiến nghị không bố trí, điều chỉnh kinh phí cho nội dung chi sai chế độ.</li></ul>"
        ),
        training_field="Tài chính, kinh tế, kế toán, kiểm toán, quản lý kinh tế hoặc ngành phù hợp",
        experience="<p>Ưu tiên người có kinh nghiệm lập, quản lý dự toán ngân sách nhà nước.</p>",
        competencies=[
            ("NLC01", 4),
            ("NLC02", 3),
            ("NLC03", 3),
            ("NLC05", 3),
            ("NLC06", 3),
            ("NLCM02", 3),
            ("NLCM03", 3),
        ],
    ),
    _position(
        "CMNV-DC-11",
        "Kế toán",
        "CMNV",
        "DC",
        ("06.031", "06.030"),
        objective=(
            "<p>Thực hiện công tác kế toán của cơ quan theo Luật Kế toán và chế độ kế toán hành chính, sự nghiệp: "
            "kiểm tra chứng từ, ghi sổ, lập báo cáo tài chính và quyết toán ngân sách; kiểm soát thu, chi đúng quy "
            "định.</p>"
        ),
        tasks=[
            (
                "Tiếp nhận, kiểm tra tính hợp pháp, hợp lệ của chứng từ; lập chứng từ thanh toán, rút dự toán qua kho "
                "bạc.",
                "Chứng từ kế toán; giấy rút dự toán, ủy nhiệm chi.",
                "Chứng từ đầy đủ, đúng mẫu; không thanh toán sai chế độ, vượt dự toán.",
            ),
            (
                "Ghi sổ kế toán trên phần mềm; đối chiếu số liệu với kho bạc, ngân hàng và thủ quỹ định kỳ.",
                "Sổ kế toán; biên bản đối chiếu số dư; biên bản kiểm kê quỹ.",
                "Số liệu khớp đúng; sổ được khóa đúng kỳ.",
            ),
            (
                "Tính và chi trả tiền lương, phụ cấp; trích nộp bảo hiểm xã hội, bảo hiểm y tế, kinh phí công đoàn, "
                "thuế thu nhập cá nhân.",
                "Bảng thanh toán lương; hồ sơ trích nộp bảo hiểm, thuế.",
                "Chi trả đúng, đủ, đúng hạn; không để nợ đóng bảo hiểm.",
            ),
            (
                "Theo dõi, hạch toán tài sản cố định, công cụ, dụng cụ; tính hao mòn theo quy định.",
                "Sổ tài sản cố định; bảng tính hao mòn.",
                "Khớp với sổ theo dõi tài sản và kết quả kiểm kê.",
            ),
            (
                "Lập báo cáo tài chính, báo cáo quyết toán ngân sách năm và các báo cáo kế toán theo yêu cầu.",
                "Báo cáo tài chính; báo cáo quyết toán ngân sách.",
                "Đúng mẫu biểu; số liệu trung thực; nộp đúng hạn.",
            ),
            (
                "Lưu trữ, bảo quản chứng từ, tài liệu kế toán; cung cấp số liệu phục vụ thanh tra, kiểm toán.",
                "Hồ sơ kế toán được lưu trữ theo năm.",
                "Đầy đủ, đúng thời hạn lưu trữ theo Luật Kế toán.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của kế toán trưởng (phụ trách kế toán) và thủ trưởng cơ quan; phối hợp với thủ quỹ, "
            "bộ phận tổ chức (tiền lương), quản trị (tài sản).</p>"
        ),
        external="<p>Giao dịch với kho bạc nhà nước, ngân hàng, cơ quan thuế, bảo hiểm xã hội, cơ quan tài chính.</p>",
        authority=(
            "<ul><li>Từ chối thanh toán chứng từ không hợp pháp, hợp lệ và báo cáo kế toán trưởng.</li>"
            "<li>Yêu cầu bổ sung, hoàn thiện chứng từ.</li></ul>"
        ),
        training_level="Đại học trở lên (trung cấp trở lên đối với ngạch kế toán viên trung cấp)",
        training_field="Kế toán, kiểm toán, tài chính",
        experience="<p>Ưu tiên người đã làm kế toán hành chính, sự nghiệp và sử dụng phần mềm kế toán.</p>",
        personal_qualities=(
            "<ul><li>Trung thực, khách quan, cẩn thận, chính xác.</li>"
            "<li>Tuân thủ nghiêm chế độ tài chính, kế toán.</li>"
            "<li>Giữ bí mật số liệu tài chính của cơ quan.</li></ul>"
        ),
        other_requirements=(
            "<p>Người được giao phụ trách kế toán, kế toán trưởng phải đáp ứng tiêu chuẩn và có chứng chỉ bồi dưỡng "
            "kế toán trưởng theo quy định.</p>"
        ),
        competencies=[("NLC01", 4), ("NLC02", 3), ("NLC03", 2), ("NLC05", 3), ("NLC06", 3), ("NLCM03", 3)],
    ),
    _position(
        "CMNV-DC-12",
        "Chuyên viên về hợp tác quốc tế",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu, tổ chức các hoạt động hợp tác quốc tế, đối ngoại của cơ quan: đoàn ra, đoàn vào, hội nghị, "
            "hội thảo quốc tế, thỏa thuận quốc tế và chương trình, dự án hợp tác với đối tác nước ngoài.</p>"
        ),
        tasks=[
            (
                "Xây dựng chương trình, kế hoạch hợp tác quốc tế, đối ngoại hằng năm của cơ quan.",
                "Kế hoạch đối ngoại năm.",
                "Phù hợp chương trình đối ngoại của bộ, tỉnh; được phê duyệt đúng hạn.",
            ),
            (
                "Chuẩn bị thủ tục, nội dung, hậu cần cho các đoàn ra, đoàn vào; tổng hợp báo cáo kết quả.",
                "Tờ trình, quyết định cử đoàn; chương trình làm việc; báo cáo kết quả.",
                "Đúng quy định quản lý đoàn ra, đoàn vào; báo cáo trong thời hạn quy định.",
            ),
            (
                "Tổ chức hoặc tham gia tổ chức hội nghị, hội thảo quốc tế; biên dịch, phiên dịch khi được phân công.",
                "Hồ sơ xin phép tổ chức; tài liệu, bản dịch; báo cáo kết quả.",
                "Được cấp có thẩm quyền cho phép trước khi tổ chức; bản dịch chính xác.",
            ),
            (
                "Nghiên cứu, đề xuất ký kết và theo dõi thực hiện thỏa thuận quốc tế, chương trình, dự án hợp tác.",
                "Dự thảo thỏa thuận; báo cáo thực hiện.",
                "Đúng Luật Thỏa thuận quốc tế; bảo đảm lợi ích quốc gia và bảo mật thông tin.",
            ),
            (
                "Theo dõi, tổng hợp, báo cáo tình hình hợp tác quốc tế và hoạt động của đối tác nước ngoài liên quan.",
                "Báo cáo định kỳ công tác đối ngoại.",
                "Chính xác, đầy đủ, đúng hạn.",
            ),
        ],
        internal="<p>Chịu sự chỉ đạo của lãnh đạo phòng/Văn phòng; phối hợp với các phòng chuyên môn về nội dung hợp tác.</p>",
        external=(
            "<p>Làm việc với cơ quan ngoại vụ của bộ, tỉnh, cơ quan đại diện nước ngoài, tổ chức quốc tế và đối tác "
            "hợp tác.</p>"
        ),
        authority=(
            "<ul><li>Liên hệ, trao đổi với đối tác nước ngoài trong phạm vi được lãnh đạo giao.</li>"
            "<li>Đề nghị các đơn vị cung cấp nội dung phục vụ hoạt động đối ngoại.</li></ul>"
        ),
        training_field="Quan hệ quốc tế, ngoại ngữ, luật quốc tế, kinh tế đối ngoại hoặc ngành phù hợp",
        experience="<p>Ưu tiên người đã tham gia tổ chức đoàn ra, đoàn vào, hội nghị quốc tế.</p>",
        other_requirements=(
            "<p>Sử dụng thành thạo ít nhất một ngoại ngữ (thường là tiếng Anh) trong giao tiếp và soạn thảo văn bản "
            "công việc; chấp hành quy định về bảo vệ bí mật nhà nước trong hoạt động đối ngoại.</p>"
        ),
        competencies=[
            ("NLC01", 4),
            ("NLC02", 3),
            ("NLC03", 3),
            ("NLC04", 4),
            ("NLC05", 3),
            ("NLC06", 3),
            ("NLC07", 4),
            ("NLCM02", 3),
        ],
    ),
    _position(
        "CMNV-DC-13",
        "Chuyên viên tổng hợp",
        "CMNV",
        "DC",
        CHUYEN_VIEN,
        objective=(
            "<p>Tham mưu, tổng hợp tình hình thực hiện nhiệm vụ của cơ quan; xây dựng báo cáo, chương trình công tác, "
            "kế hoạch triển khai; theo dõi, đôn đốc việc thực hiện chỉ đạo của cấp trên và của lãnh đạo cơ quan.</p>"
        ),
        tasks=[
            (
                "Xây dựng báo cáo định kỳ (tháng, quý, 6 tháng, năm) và báo cáo đột xuất về kết quả thực hiện nhiệm vụ "
                "của cơ quan.",
                "Báo cáo tổng hợp.",
                "Số liệu chính xác, đánh giá khách quan; nộp đúng hạn.",
            ),
            (
                "Tổng hợp, xây dựng kế hoạch thực hiện nghị quyết, chỉ thị, kết luận của cấp trên.",
                "Kế hoạch triển khai; chương trình công tác.",
                "Nhiệm vụ cụ thể, rõ đơn vị chủ trì, thời hạn, sản phẩm.",
            ),
            (
                "Theo dõi, đôn đốc các đơn vị thực hiện nhiệm vụ được giao; cập nhật hệ thống theo dõi nhiệm vụ.",
                "Bảng tổng hợp tình hình thực hiện nhiệm vụ.",
                "Nhiệm vụ chậm tiến độ được cảnh báo kịp thời.",
            ),
            (
                "Chuẩn bị đề cương, nội dung phát biểu, báo cáo phục vụ lãnh đạo tại hội nghị, buổi làm việc.",
                "Đề cương, bài phát biểu, tài liệu phục vụ lãnh đạo.",
                "Đúng yêu cầu, kịp thời; được lãnh đạo sử dụng với ít chỉnh sửa.",
            ),
            (
                "Nghiên cứu, phân tích, đề xuất giải pháp đối với các vấn đề chung, liên ngành khi được giao.",
                "Báo cáo chuyên đề, đề xuất.",
                "Có căn cứ, có phương án khả thi.",
            ),
        ],
        internal="<p>Chịu sự chỉ đạo của lãnh đạo phòng/Văn phòng; tiếp nhận thông tin, báo cáo từ tất cả các phòng, đơn vị.</p>",
        external="<p>Làm việc với cơ quan tổng hợp của cấp trên và cơ quan ngang cấp để thống nhất số liệu, nội dung báo cáo.</p>",
        authority=(
            "<ul><li>Đề nghị các đơn vị cung cấp thông tin, số liệu đúng hạn.</li>"
            "<li>Báo cáo lãnh đạo các đơn vị chậm thực hiện nhiệm vụ.</li></ul>"
        ),
        training_field="Hành chính học, kinh tế, luật, quản lý nhà nước hoặc ngành phù hợp lĩnh vực hoạt động của cơ quan",
        experience="<p>Ưu tiên người đã làm công tác tổng hợp, văn phòng.</p>",
        competencies=[
            ("NLC01", 3),
            ("NLC02", 4),
            ("NLC03", 4),
            ("NLC04", 3),
            ("NLC05", 3),
            ("NLC06", 3),
            ("NLCM02", 4),
        ],
    ),
]

# --------------------------------------------------------------------------- hỗ trợ, phục vụ

SUPPORT = [
    _position(
        "HTPV-01",
        "Thủ quỹ",
        "HTPV",
        "",
        ("01.005", "01.004"),
        objective=(
            "<p>Quản lý tiền mặt, giấy tờ có giá tại quỹ của cơ quan; thu, chi tiền mặt theo chứng từ hợp lệ đã được "
            "duyệt; ghi sổ quỹ và bảo đảm an toàn quỹ.</p>"
        ),
        tasks=[
            (
                "Thu, chi tiền mặt theo phiếu thu, phiếu chi đã có đủ chữ ký của người có thẩm quyền.",
                "Phiếu thu, phiếu chi có chữ ký của người nộp, người nhận.",
                "Thu, chi đúng số tiền, đúng người; không chi khi chứng từ chưa hợp lệ.",
            ),
            (
                "Rút tiền mặt tại kho bạc, ngân hàng; nộp tiền vào tài khoản theo yêu cầu của kế toán.",
                "Giấy rút tiền, giấy nộp tiền.",
                "Đúng số tiền; an toàn trong vận chuyển tiền.",
            ),
            (
                "Ghi sổ quỹ tiền mặt hằng ngày; đối chiếu tồn quỹ với sổ kế toán.",
                "Sổ quỹ tiền mặt; biên bản kiểm kê quỹ.",
                "Tồn quỹ thực tế khớp với sổ quỹ và sổ kế toán.",
            ),
            (
                "Bảo quản tiền mặt, giấy tờ có giá trong két; quản lý chìa khóa két theo quy định.",
                "Sổ giao nhận chìa khóa; biên bản kiểm kê quỹ định kỳ, đột xuất.",
                "Không để xảy ra mất mát, thiếu hụt quỹ.",
            ),
        ],
        internal="<p>Chịu sự chỉ đạo của kế toán trưởng (phụ trách kế toán) và thủ trưởng cơ quan; phối hợp với kế toán thanh toán.</p>",
        external="<p>Giao dịch với kho bạc nhà nước, ngân hàng.</p>",
        authority="<ul><li>Từ chối thu, chi khi chứng từ chưa đủ chữ ký, chưa hợp lệ.</li></ul>",
        training_level="Trung cấp trở lên",
        training_field="Kế toán, tài chính hoặc ngành phù hợp",
        experience="<p>Ưu tiên người đã làm thủ quỹ hoặc giao dịch ngân quỹ.</p>",
        personal_qualities=(
            "<ul><li>Trung thực, cẩn thận, chính xác.</li><li>Có ý thức bảo vệ tài sản của cơ quan.</li>"
            "<li>Giữ bí mật số liệu tài chính.</li></ul>"
        ),
        working_conditions=(
            "<p>Làm việc tại trụ sở cơ quan theo giờ hành chính; được bố trí két sắt, thiết bị kiểm đếm tiền và nơi "
            "làm việc bảo đảm an toàn.</p>"
        ),
        other_requirements=(
            "<p>Theo Luật Kế toán, người làm kế toán không được đồng thời làm thủ quỹ: bố trí thủ quỹ độc lập với "
            "người làm kế toán.</p>"
        ),
        competencies=[("NLC01", 4), ("NLC02", 2), ("NLC04", 2), ("NLC05", 2), ("NLC06", 2), ("NLCM03", 1)],
    ),
    _position(
        "HTPV-02",
        "Lái xe",
        "HTPV",
        objective=(
            "<p>Điều khiển xe ô tô phục vụ công tác của cơ quan an toàn, đúng giờ, đúng lệnh điều xe; quản lý, giữ "
            "gìn xe và bảo đảm xe luôn trong tình trạng kỹ thuật tốt.</p>"
        ),
        tasks=[
            (
                "Lái xe đưa đón lãnh đạo, công chức đi công tác theo lệnh điều xe.",
                "Chuyến công tác được thực hiện; nhật trình xe ghi đầy đủ.",
                "An toàn, đúng giờ; chấp hành nghiêm pháp luật về trật tự, an toàn giao thông đường bộ; không sử dụng "
                "xe sai mục đích.",
            ),
            (
                "Kiểm tra kỹ thuật xe trước và sau mỗi chuyến; vệ sinh xe hằng ngày.",
                "Xe sạch, sẵn sàng hoạt động; sổ kiểm tra kỹ thuật.",
                "Hư hỏng được phát hiện, báo cáo kịp thời; không để xe hỏng do thiếu kiểm tra.",
            ),
            (
                "Đề xuất và theo dõi việc bảo dưỡng, sửa chữa, đăng kiểm, bảo hiểm xe.",
                "Đề nghị bảo dưỡng, sửa chữa; giấy tờ xe còn hiệu lực.",
                "Xe được bảo dưỡng đúng định kỳ; giấy tờ xe không quá hạn.",
            ),
            (
                "Ghi nhật trình, số ki-lô-mét, nhiên liệu tiêu thụ; quyết toán nhiên liệu hằng tháng.",
                "Sổ nhật trình; bảng quyết toán nhiên liệu.",
                "Số liệu trung thực; nhiên liệu trong định mức.",
            ),
            (
                "Giữ bí mật nội dung công việc, thông tin biết được trong quá trình phục vụ.",
                "Không có thông tin công tác bị tiết lộ.",
                "Chấp hành quy định về bảo vệ bí mật nhà nước và quy chế của cơ quan.",
            ),
        ],
        internal="<p>Chịu sự điều hành của bộ phận quản trị/Văn phòng theo lệnh điều xe; phục vụ lãnh đạo và các đơn vị được bố trí xe.</p>",
        external="<p>Làm việc với cơ sở bảo dưỡng, sửa chữa, đăng kiểm, bảo hiểm và lực lượng chức năng khi tham gia giao thông.</p>",
        authority="<ul><li>Từ chối điều khiển xe không bảo đảm an toàn kỹ thuật hoặc chuyến đi không có lệnh điều xe.</li></ul>",
        training_level="Trung học phổ thông trở lên",
        training_field="Giấy phép lái xe hạng phù hợp với loại xe được giao, còn hiệu lực",
        experience="<p>Có thời gian lái xe ô tô an toàn, không vi phạm nghiêm trọng pháp luật giao thông.</p>",
        personal_qualities=SUPPORT_QUALITIES,
        working_conditions=(
            "<p>Làm việc theo lịch công tác, kể cả ngoài giờ, ngày nghỉ khi có yêu cầu; được giao quản lý xe và được "
            "bố trí nơi đỗ xe, nghỉ ngơi khi đi công tác.</p>"
        ),
        other_requirements=CONTRACT_NOTE,
        competencies=[("NLC01", 3), ("NLC02", 2), ("NLC04", 2), ("NLC05", 2), ("NLCM07", 1)],
    ),
    _position(
        "HTPV-03",
        "Nhân viên bảo vệ",
        "HTPV",
        objective=(
            "<p>Bảo vệ an ninh, trật tự, an toàn tài sản của cơ quan; kiểm soát ra vào trụ sở; phòng ngừa, phát hiện "
            "và xử lý ban đầu các sự cố cháy nổ, trộm cắp, gây rối.</p>"
        ),
        tasks=[
            (
                "Trực bảo vệ theo ca; kiểm soát người, phương tiện ra vào; hướng dẫn khách đăng ký, gửi xe.",
                "Sổ trực ca; sổ đăng ký khách.",
                "Không để người không có nhiệm vụ vào khu vực hạn chế; giao, nhận ca đầy đủ.",
            ),
            (
                "Tuần tra, kiểm tra khu vực trụ sở, kho, phòng làm việc ngoài giờ; kiểm tra điện, nước, cửa.",
                "Sổ tuần tra; báo cáo hiện tượng bất thường.",
                "Phát hiện kịp thời nguy cơ mất an toàn; không để mất tài sản.",
            ),
            (
                "Sử dụng phương tiện phòng cháy chữa cháy; tham gia đội phòng cháy chữa cháy cơ sở và xử lý ban đầu "
                "khi có sự cố.",
                "Biên bản sự cố; kết quả diễn tập.",
                "Xử lý ban đầu đúng phương án; báo cáo ngay lãnh đạo và cơ quan chức năng.",
            ),
            (
                "Quản lý, giám sát hệ thống camera, chìa khóa và tài sản được giao tại cổng.",
                "Sổ giao nhận chìa khóa; dữ liệu camera được lưu.",
                "Thiết bị hoạt động liên tục; chìa khóa giao nhận đúng quy định.",
            ),
            (
                "Phối hợp với công an cấp xã giữ gìn an ninh trật tự khu vực trụ sở; giữ trật tự khi tiếp công dân, "
                "tổ chức hội nghị.",
                "Báo cáo vụ việc (nếu có).",
                "Xử lý tình huống đúng mực, đúng quy định.",
            ),
        ],
        internal="<p>Chịu sự quản lý của bộ phận quản trị/Văn phòng; phối hợp với lễ tân, lái xe và các đơn vị trong cơ quan.</p>",
        external="<p>Phối hợp với công an cấp xã, lực lượng phòng cháy chữa cháy và bảo vệ của các cơ quan lân cận.</p>",
        authority=(
            "<ul><li>Yêu cầu khách xuất trình giấy tờ, đăng ký trước khi vào trụ sở.</li>"
            "<li>Ngăn chặn, giữ người vi phạm và báo ngay cơ quan công an.</li></ul>"
        ),
        training_level="Trung học phổ thông trở lên",
        training_field="Giấy chứng nhận huấn luyện nghiệp vụ phòng cháy chữa cháy; ưu tiên người đã qua đào tạo nghiệp vụ bảo vệ",
        experience="<p>Ưu tiên người đã phục vụ trong lực lượng vũ trang hoặc làm bảo vệ cơ quan.</p>",
        personal_qualities=SUPPORT_QUALITIES,
        working_conditions=(
            "<p>Làm việc theo ca, kể cả ban đêm, ngày nghỉ, ngày lễ; được trang bị đồng phục, phương tiện, công cụ "
            "hỗ trợ theo quy định.</p>"
        ),
        other_requirements=CONTRACT_NOTE,
        competencies=[("NLC01", 3), ("NLC02", 2), ("NLC04", 2), ("NLC05", 2)],
    ),
    _position(
        "HTPV-04",
        "Nhân viên phục vụ",
        "HTPV",
        objective=(
            "<p>Bảo đảm vệ sinh, trật tự, cảnh quan công sở; phục vụ nước uống, chuẩn bị phòng họp, hội nghị và hỗ "
            "trợ hậu cần theo yêu cầu của cơ quan.</p>"
        ),
        tasks=[
            (
                "Vệ sinh phòng làm việc, phòng họp, hành lang, khu vệ sinh hằng ngày theo khu vực được phân công.",
                "Khu vực được giao sạch sẽ, gọn gàng; bảng theo dõi vệ sinh.",
                "Hoàn thành trước giờ làm việc; không có phản ánh về vệ sinh.",
            ),
            (
                "Chuẩn bị phòng họp: sắp xếp bàn ghế, biển tên, nước uống; phục vụ trong suốt cuộc họp, hội nghị.",
                "Phòng họp sẵn sàng theo lịch.",
                "Chuẩn bị xong trước giờ họp; phục vụ chu đáo, lịch sự.",
            ),
            (
                "Chăm sóc cây xanh, cảnh quan; phát hiện, báo cáo hư hỏng trang thiết bị, điện, nước.",
                "Sổ ghi nhận hư hỏng.",
                "Báo cáo kịp thời; không để hư hỏng kéo dài.",
            ),
            (
                "Tiếp nhận, bảo quản và sử dụng tiết kiệm vật tư, dụng cụ vệ sinh, đồ dùng phục vụ.",
                "Sổ nhận, sử dụng vật tư.",
                "Sử dụng đúng định mức, không lãng phí.",
            ),
        ],
        internal="<p>Chịu sự quản lý của bộ phận quản trị/Văn phòng; phục vụ các phòng, đơn vị theo lịch họp, lịch công tác.</p>",
        external="<p>Phối hợp với đơn vị cung cấp dịch vụ vệ sinh, cây xanh (nếu có).</p>",
        authority="<ul><li>Đề nghị cấp vật tư, dụng cụ phục vụ công việc.</li></ul>",
        training_level="Trung học cơ sở trở lên",
        training_field="Không yêu cầu",
        experience="<p>Không yêu cầu; ưu tiên người đã làm công việc phục vụ tại cơ quan, tổ chức.</p>",
        personal_qualities=SUPPORT_QUALITIES,
        working_conditions=(
            "<p>Làm việc tại trụ sở cơ quan; có thể làm sớm hơn giờ hành chính hoặc ngoài giờ khi có hội nghị; được "
            "trang bị bảo hộ lao động.</p>"
        ),
        other_requirements=CONTRACT_NOTE,
        competencies=[("NLC01", 2), ("NLC02", 2), ("NLC04", 2), ("NLC05", 2), ("NLCM07", 1)],
    ),
    _position(
        "HTPV-05",
        "Nhân viên lễ tân",
        "HTPV",
        objective=(
            "<p>Đón tiếp, hướng dẫn khách đến liên hệ công tác; tiếp nhận, chuyển cuộc gọi và thông tin; hỗ trợ công "
            "tác lễ tân, khánh tiết, hội nghị, tạo hình ảnh văn minh, thân thiện của cơ quan.</p>"
        ),
        tasks=[
            (
                "Đón tiếp, hướng dẫn khách; đăng ký, cấp thẻ khách; liên hệ đơn vị, cá nhân được gặp.",
                "Sổ hoặc phần mềm đăng ký khách.",
                "Khách được tiếp đón lịch sự, hướng dẫn đúng nơi; không để khách chờ lâu.",
            ),
            (
                "Trực điện thoại, tiếp nhận và chuyển cuộc gọi, lời nhắn đến đúng người.",
                "Sổ ghi nhận cuộc gọi, lời nhắn.",
                "Thông tin được chuyển chính xác, kịp thời.",
            ),
            (
                "Chuẩn bị khánh tiết, hoa, biển tên, phông nền cho hội nghị, lễ kỷ niệm, đón tiếp đoàn khách.",
                "Hội trường, phòng khánh tiết được chuẩn bị theo kịch bản.",
                "Đúng nghi thức, đúng thời gian.",
            ),
            (
                "Phối hợp với bảo vệ kiểm soát khách ra vào; báo cáo trường hợp bất thường.",
                "Báo cáo bất thường (nếu có).",
                "Không để người không phận sự tự do đi lại trong trụ sở.",
            ),
            (
                "Quản lý, bảo quản vật dụng lễ tân, quà tặng, đồ dùng khánh tiết.",
                "Sổ theo dõi vật dụng.",
                "Không thất thoát, hư hỏng.",
            ),
        ],
        internal="<p>Chịu sự quản lý của Văn phòng; phối hợp với bảo vệ, nhân viên phục vụ và các phòng có khách đến làm việc.</p>",
        external="<p>Tiếp xúc trực tiếp với người dân, tổ chức, đoàn khách đến liên hệ công tác.</p>",
        authority="<ul><li>Đề nghị khách xuất trình giấy tờ, đăng ký trước khi vào làm việc.</li></ul>",
        training_level="Trung cấp trở lên",
        training_field="Quản trị văn phòng, du lịch – khách sạn, ngoại ngữ hoặc ngành phù hợp",
        experience="<p>Ưu tiên người đã làm lễ tân, chăm sóc khách hàng.</p>",
        personal_qualities=(
            "<ul><li>Ngoại hình phù hợp, tác phong lịch sự, niềm nở.</li><li>Giao tiếp rõ ràng, mạch lạc.</li>"
            "<li>Kiên nhẫn, biết kiềm chế trong tình huống khó.</li></ul>"
        ),
        other_requirements=CONTRACT_NOTE,
        competencies=[("NLC01", 3), ("NLC02", 2), ("NLC04", 3), ("NLC05", 2), ("NLC06", 2), ("NLC07", 2)],
    ),
]

# --------------------------------------------------------------------------- lãnh đạo, quản lý

LEADER_COMPETENCIES_SO = [
    ("NLC01", 5),
    ("NLC02", 5),
    ("NLC03", 4),
    ("NLC04", 5),
    ("NLC05", 5),
    ("NLC06", 3),
    ("NLC07", 2),
    ("NLCM02", 4),
    ("NLQL01", 5),
    ("NLQL02", 5),
    ("NLQL03", 5),
    ("NLQL04", 5),
]
DEPUTY_COMPETENCIES_SO = [
    ("NLC01", 5),
    ("NLC02", 4),
    ("NLC03", 4),
    ("NLC04", 4),
    ("NLC05", 4),
    ("NLC06", 3),
    ("NLC07", 2),
    ("NLCM02", 4),
    ("NLQL01", 4),
    ("NLQL02", 4),
    ("NLQL03", 4),
    ("NLQL04", 4),
]
HEAD_COMPETENCIES = [
    ("NLC01", 4),
    ("NLC02", 4),
    ("NLC03", 4),
    ("NLC04", 4),
    ("NLC05", 4),
    ("NLC06", 3),
    ("NLCM02", 4),
    ("NLQL01", 3),
    ("NLQL02", 3),
    ("NLQL03", 3),
    ("NLQL04", 3),
]
DEPUTY_HEAD_COMPETENCIES = [
    ("NLC01", 4),
    ("NLC02", 4),
    ("NLC03", 3),
    ("NLC04", 3),
    ("NLC05", 4),
    ("NLC06", 3),
    ("NLCM02", 3),
    ("NLQL01", 2),
    ("NLQL02", 3),
    ("NLQL03", 3),
    ("NLQL04", 3),
]

LEADERSHIP = [
    _position(
        "LDQL-01",
        "Giám đốc Sở",
        "LDQL",
        "",
        ("01.002", "01.001"),
        objective=(
            "<p>Là người đứng đầu Sở, chịu trách nhiệm trước Ủy ban nhân dân, Chủ tịch Ủy ban nhân dân cấp tỉnh và "
            "trước pháp luật về toàn bộ hoạt động của Sở; tham mưu, giúp Ủy ban nhân dân cấp tỉnh quản lý nhà nước về "
            "ngành, lĩnh vực được giao trên địa bàn.</p>"
        ),
        tasks=[
            (
                "Lãnh đạo, chỉ đạo, điều hành toàn diện hoạt động của Sở; phân công nhiệm vụ cho các Phó Giám đốc và "
                "người đứng đầu các phòng, đơn vị.",
                "Quyết định phân công; quy chế làm việc của Sở.",
                "Nhiệm vụ được phân công rõ người, rõ việc; Sở hoàn thành các chỉ tiêu, nhiệm vụ năm.",
            ),
            (
                "Trình Ủy ban nhân dân, Chủ tịch Ủy ban nhân dân cấp tỉnh dự thảo quyết định, chương trình, kế hoạch, "
                "đề án phát triển ngành, lĩnh vực.",
                "Tờ trình, dự thảo văn bản, đề án.",
                "Đúng thời hạn trong chương trình công tác; chất lượng được cấp trên chấp thuận.",
            ),
            (
                "Tổ chức thực hiện và kiểm tra việc thi hành pháp luật, quy hoạch, kế hoạch thuộc ngành, lĩnh vực trên "
                "địa bàn.",
                "Kế hoạch kiểm tra; báo cáo kết quả kiểm tra.",
                "Vi phạm được phát hiện, xử lý hoặc kiến nghị xử lý kịp thời.",
            ),
            (
                "Quyết định theo thẩm quyền về tổ chức bộ máy, vị trí việc làm, biên chế và quản lý công chức, viên "
                "chức, người lao động của Sở.",
                "Quyết định về tổ chức, nhân sự; đề án vị trí việc làm của Sở.",
                "Đúng thẩm quyền, trình tự; sử dụng biên chế trong số được giao.",
            ),
            (
                "Quản lý tài chính, tài sản được giao; chịu trách nhiệm về việc sử dụng ngân sách, tài sản công của Sở.",
                "Dự toán, quyết toán được phê duyệt; báo cáo công khai tài chính.",
                "Không để xảy ra thất thoát, lãng phí, sai phạm về tài chính.",
            ),
            (
                "Chỉ đạo cải cách hành chính, chuyển đổi số, phòng, chống tham nhũng, tiêu cực; giải quyết khiếu nại, "
                "tố cáo thuộc thẩm quyền.",
                "Kế hoạch, báo cáo cải cách hành chính; quyết định giải quyết khiếu nại.",
                "Chỉ số cải cách hành chính của Sở được cải thiện; giải quyết đúng hạn, đúng pháp luật.",
            ),
            (
                "Báo cáo Ủy ban nhân dân cấp tỉnh, bộ quản lý ngành về tình hình hoạt động của Sở; trả lời chất vấn của "
                "Hội đồng nhân dân cấp tỉnh khi được yêu cầu.",
                "Báo cáo định kỳ, đột xuất; nội dung trả lời chất vấn.",
                "Đầy đủ, trung thực, đúng hạn.",
            ),
        ],
        internal=(
            "<p>Lãnh đạo tập thể Ban Giám đốc, các phòng, đơn vị thuộc Sở; phối hợp với cấp ủy, công đoàn và các đoàn "
            "thể trong Sở.</p>"
        ),
        external=(
            "<p>Chịu sự chỉ đạo, quản lý của Ủy ban nhân dân cấp tỉnh và sự chỉ đạo, hướng dẫn chuyên môn của bộ quản "
            "lý ngành; phối hợp với các sở, ngành, Ủy ban nhân dân cấp xã và tổ chức, doanh nghiệp liên quan.</p>"
        ),
        authority=(
            "<ul><li>Quyết định các vấn đề thuộc thẩm quyền của người đứng đầu Sở theo quy định của pháp luật và phân "
            "cấp của Ủy ban nhân dân cấp tỉnh.</li><li>Ký ban hành văn bản của Sở; ủy quyền cho Phó Giám đốc theo quy "
            "chế làm việc.</li><li>Quản lý, sử dụng công chức, viên chức, tài chính, tài sản của Sở.</li></ul>"
        ),
        training_field="Phù hợp với ngành, lĩnh vực quản lý của Sở",
        experience=(
            "<p>Có thời gian công tác và kinh nghiệm lãnh đạo, quản lý trong ngành, lĩnh vực; đã giữ chức vụ lãnh đạo "
            "cấp phòng hoặc tương đương trở lên theo tiêu chuẩn chức danh.</p>"
        ),
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=LEADER_COMPETENCIES_SO,
    ),
    _position(
        "LDQL-02",
        "Phó Giám đốc Sở",
        "LDQL",
        "",
        ("01.002", "01.001"),
        objective=(
            "<p>Giúp Giám đốc Sở chỉ đạo, điều hành một số lĩnh vực công tác theo phân công; chịu trách nhiệm trước "
            "Giám đốc Sở và trước pháp luật về nhiệm vụ được phân công; điều hành công việc của Sở khi được Giám đốc "
            "ủy quyền.</p>"
        ),
        tasks=[
            (
                "Chỉ đạo, điều hành các lĩnh vực và các phòng, đơn vị được Giám đốc phân công phụ trách.",
                "Ý kiến chỉ đạo; kết luận giao ban lĩnh vực.",
                "Các lĩnh vực phụ trách hoàn thành kế hoạch năm.",
            ),
            (
                "Ký văn bản thuộc lĩnh vực phụ trách theo quy chế làm việc và ủy quyền của Giám đốc.",
                "Văn bản được ký ban hành.",
                "Đúng thẩm quyền; không phải đính chính, thu hồi văn bản.",
            ),
            (
                "Chỉ đạo xây dựng chương trình, đề án, văn bản thuộc lĩnh vực phụ trách trình Giám đốc.",
                "Dự thảo đề án, tờ trình đã được kiểm soát.",
                "Đúng tiến độ trong chương trình công tác.",
            ),
            (
                "Kiểm tra, đôn đốc các phòng, đơn vị, địa phương thực hiện nhiệm vụ thuộc lĩnh vực được phân công.",
                "Báo cáo kiểm tra; văn bản đôn đốc.",
                "Vướng mắc được phát hiện, tháo gỡ kịp thời.",
            ),
            (
                "Tham gia ý kiến về công tác cán bộ, tài chính và các vấn đề chung của Sở; điều hành khi Giám đốc vắng "
                "mặt và ủy quyền.",
                "Ý kiến tại họp Ban Giám đốc; báo cáo Giám đốc sau khi điều hành.",
                "Đúng phạm vi ủy quyền; báo cáo đầy đủ.",
            ),
            (
                "Báo cáo Giám đốc kết quả thực hiện nhiệm vụ được phân công.",
                "Báo cáo định kỳ lĩnh vực phụ trách.",
                "Trung thực, đúng hạn.",
            ),
        ],
        internal="<p>Chịu sự lãnh đạo của Giám đốc Sở; chỉ đạo các phòng, đơn vị được phân công phụ trách; phối hợp với các Phó Giám đốc khác.</p>",
        external="<p>Làm việc với các sở, ngành, địa phương và tổ chức liên quan trong lĩnh vực phụ trách theo ủy quyền của Giám đốc.</p>",
        authority=(
            "<ul><li>Quyết định các vấn đề thuộc lĩnh vực được phân công.</li>"
            "<li>Ký văn bản theo ủy quyền; đề xuất với Giám đốc về nhân sự, kinh phí của lĩnh vực phụ trách.</li></ul>"
        ),
        training_field="Phù hợp với ngành, lĩnh vực quản lý của Sở",
        experience="<p>Có kinh nghiệm lãnh đạo, quản lý cấp phòng hoặc tương đương trở lên theo tiêu chuẩn chức danh.</p>",
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=DEPUTY_COMPETENCIES_SO,
    ),
    _position(
        "LDQL-03",
        "Chánh Văn phòng Sở",
        "LDQL",
        "",
        CHUYEN_VIEN,
        objective=(
            "<p>Lãnh đạo Văn phòng Sở tham mưu tổng hợp, điều phối hoạt động chung của Sở; bảo đảm công tác hành "
            "chính, văn thư, lưu trữ, quản trị, tài chính, kế toán (khi được giao) và các điều kiện hoạt động của "
            "Sở.</p>"
        ),
        tasks=[
            (
                "Lãnh đạo, phân công, kiểm tra công chức, người lao động của Văn phòng thực hiện nhiệm vụ.",
                "Bảng phân công nhiệm vụ; kết quả đánh giá, xếp loại công chức Văn phòng.",
                "Văn phòng hoàn thành kế hoạch; phân công đúng vị trí việc làm.",
            ),
            (
                "Tham mưu chương trình, kế hoạch công tác, lịch làm việc và quy chế làm việc của Sở; theo dõi, đôn đốc "
                "thực hiện.",
                "Chương trình công tác; báo cáo tình hình thực hiện.",
                "Đầy đủ, kịp thời; nhiệm vụ chậm được cảnh báo.",
            ),
            (
                "Chỉ đạo kiểm soát thể thức, thủ tục văn bản trình ký; tổ chức công tác văn thư, lưu trữ của Sở.",
                "Văn bản phát hành đúng thể thức; hồ sơ nộp lưu.",
                "Không có văn bản sai thể thức phải đính chính.",
            ),
            (
                "Tổ chức hội nghị, cuộc họp, buổi làm việc của lãnh đạo Sở; bảo đảm hậu cần, phương tiện, trụ sở.",
                "Kế hoạch tổ chức hội nghị; thông báo kết luận.",
                "Tổ chức chu đáo, tiết kiệm.",
            ),
            (
                "Chủ trì hoặc tham gia công tác tài chính, kế toán, quản lý tài sản của Sở theo phân công.",
                "Dự toán, quyết toán; báo cáo tài sản.",
                "Đúng chế độ; không để xảy ra sai phạm.",
            ),
            (
                "Tham mưu cải cách hành chính, chuyển đổi số nội bộ, thi đua – khen thưởng, tổ chức cán bộ khi Văn "
                "phòng được giao.",
                "Kế hoạch, báo cáo chuyên đề.",
                "Đạt chỉ tiêu kế hoạch.",
            ),
        ],
        internal="<p>Chịu sự lãnh đạo của Giám đốc Sở; điều phối với các phòng, đơn vị thuộc Sở trong hoạt động chung.</p>",
        external="<p>Làm việc với Văn phòng Ủy ban nhân dân cấp tỉnh, văn phòng các sở, ngành và cơ quan liên quan.</p>",
        authority=(
            "<ul><li>Quản lý, điều hành công chức, người lao động, tài sản được giao của Văn phòng.</li>"
            "<li>Ký văn bản theo ủy quyền của Giám đốc Sở (thông báo, giấy mời, sao văn bản).</li></ul>"
        ),
        training_field="Hành chính học, luật, quản lý nhà nước hoặc ngành phù hợp",
        experience="<p>Có kinh nghiệm công tác văn phòng, tổng hợp; đáp ứng tiêu chuẩn chức danh lãnh đạo cấp phòng.</p>",
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=HEAD_COMPETENCIES,
    ),
    _position(
        "LDQL-04",
        "Phó Chánh Văn phòng Sở",
        "LDQL",
        "",
        CHUYEN_VIEN,
        objective=(
            "<p>Giúp Chánh Văn phòng chỉ đạo một số mặt công tác của Văn phòng Sở theo phân công; chịu trách nhiệm "
            "trước Chánh Văn phòng về nhiệm vụ được giao.</p>"
        ),
        tasks=[
            (
                "Chỉ đạo, kiểm tra công chức thực hiện các mặt công tác được phân công (hành chính, văn thư, lưu trữ, "
                "quản trị …).",
                "Ý kiến chỉ đạo; kết quả kiểm tra.",
                "Lĩnh vực được giao hoàn thành kế hoạch.",
            ),
            (
                "Kiểm soát văn bản, tài liệu trình Chánh Văn phòng và lãnh đạo Sở thuộc lĩnh vực phụ trách.",
                "Văn bản được kiểm soát, trình ký.",
                "Đúng thể thức, thủ tục; đúng thời hạn.",
            ),
            (
                "Tổ chức thực hiện công tác hậu cần, hội nghị, quản trị tài sản khi được phân công.",
                "Kế hoạch hậu cần; báo cáo tài sản.",
                "Bảo đảm điều kiện làm việc; đúng định mức.",
            ),
            (
                "Trực tiếp xây dựng các báo cáo, chương trình công tác được giao.",
                "Báo cáo, chương trình công tác.",
                "Đầy đủ, chính xác, đúng hạn.",
            ),
            (
                "Điều hành Văn phòng khi Chánh Văn phòng vắng mặt và ủy quyền.",
                "Báo cáo Chánh Văn phòng sau khi điều hành.",
                "Đúng phạm vi ủy quyền.",
            ),
        ],
        internal="<p>Chịu sự lãnh đạo của Chánh Văn phòng; chỉ đạo công chức được phân công; phối hợp với các phòng, đơn vị thuộc Sở.</p>",
        external="<p>Làm việc với văn phòng các cơ quan liên quan theo phân công.</p>",
        authority="<ul><li>Quyết định các vấn đề thuộc mặt công tác được phân công theo quy chế làm việc của Văn phòng.</li></ul>",
        training_field="Hành chính học, luật, quản lý nhà nước hoặc ngành phù hợp",
        experience="<p>Có kinh nghiệm công tác văn phòng; đáp ứng tiêu chuẩn chức danh cấp phó của người đứng đầu cấp phòng.</p>",
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=DEPUTY_HEAD_COMPETENCIES,
    ),
    _position(
        "LDQL-05",
        "Trưởng phòng thuộc Sở",
        "LDQL",
        "",
        CHUYEN_VIEN,
        objective=(
            "<p>Lãnh đạo phòng chuyên môn tham mưu cho Giám đốc Sở về lĩnh vực được giao; chịu trách nhiệm trước "
            "Giám đốc Sở và trước pháp luật về kết quả hoạt động của phòng.</p>"
        ),
        tasks=[
            (
                "Xây dựng kế hoạch công tác năm, quý, tháng của phòng; phân công nhiệm vụ cho Phó Trưởng phòng và công "
                "chức.",
                "Kế hoạch công tác; bảng phân công nhiệm vụ.",
                "Phù hợp kế hoạch của Sở; phân công đúng vị trí việc làm.",
            ),
            (
                "Chỉ đạo, kiểm tra chất lượng văn bản, đề án, báo cáo do phòng tham mưu trước khi trình lãnh đạo Sở.",
                "Văn bản, đề án được kiểm soát, trình ký.",
                "Đúng thời hạn; ít phải trả lại để sửa.",
            ),
            (
                "Trực tiếp chủ trì nghiên cứu, tham mưu các vấn đề phức tạp thuộc lĩnh vực của phòng.",
                "Báo cáo, đề xuất, dự thảo văn bản.",
                "Đề xuất có căn cứ, được lãnh đạo Sở chấp thuận.",
            ),
            (
                "Hướng dẫn, kiểm tra chuyên môn, nghiệp vụ đối với cơ quan, đơn vị, địa phương thuộc lĩnh vực phòng "
                "phụ trách.",
                "Văn bản hướng dẫn; biên bản, báo cáo kiểm tra.",
                "Hướng dẫn kịp thời, thống nhất.",
            ),
            (
                "Quản lý, đánh giá công chức của phòng; đề xuất khen thưởng, kỷ luật, đào tạo, bồi dưỡng.",
                "Kết quả đánh giá, xếp loại; đề xuất đào tạo.",
                "Đánh giá khách quan, căn cứ kết quả công việc.",
            ),
            (
                "Phối hợp với các phòng, đơn vị trong và ngoài Sở giải quyết công việc liên quan.",
                "Văn bản phối hợp; ý kiến tham gia.",
                "Đúng quy chế phối hợp, đúng hạn.",
            ),
        ],
        internal="<p>Chịu sự lãnh đạo của Giám đốc và Phó Giám đốc phụ trách; lãnh đạo công chức của phòng; phối hợp với các phòng, đơn vị thuộc Sở.</p>",
        external="<p>Làm việc với cơ quan, đơn vị, địa phương thuộc lĩnh vực được giao theo phân công của lãnh đạo Sở.</p>",
        authority=(
            "<ul><li>Quyết định phân công công việc trong phòng.</li>"
            "<li>Ký văn bản theo ủy quyền; đề xuất về nhân sự, khen thưởng, kỷ luật của phòng.</li></ul>"
        ),
        training_field="Phù hợp với lĩnh vực phòng phụ trách",
        experience="<p>Có kinh nghiệm chuyên môn trong lĩnh vực phòng phụ trách; đáp ứng tiêu chuẩn chức danh lãnh đạo cấp phòng.</p>",
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=HEAD_COMPETENCIES,
    ),
    _position(
        "LDQL-06",
        "Phó Trưởng phòng thuộc Sở",
        "LDQL",
        "",
        CHUYEN_VIEN,
        objective=(
            "<p>Giúp Trưởng phòng chỉ đạo một số mặt công tác của phòng theo phân công; trực tiếp thực hiện các nhiệm "
            "vụ chuyên môn phức tạp; chịu trách nhiệm trước Trưởng phòng về nhiệm vụ được giao.</p>"
        ),
        tasks=[
            (
                "Chỉ đạo, kiểm tra công chức thực hiện các nhiệm vụ thuộc mảng công tác được phân công.",
                "Ý kiến chỉ đạo; kết quả kiểm tra.",
                "Mảng công tác được giao hoàn thành kế hoạch.",
            ),
            (
                "Trực tiếp chủ trì soạn thảo đề án, văn bản, báo cáo phức tạp của phòng.",
                "Dự thảo đề án, văn bản, báo cáo.",
                "Đúng tiến độ; chất lượng được Trưởng phòng, lãnh đạo Sở chấp thuận.",
            ),
            (
                "Kiểm soát nội dung văn bản của công chức thuộc mảng phụ trách trước khi trình Trưởng phòng.",
                "Văn bản đã kiểm soát.",
                "Không để sai sót về nội dung, thể thức.",
            ),
            (
                "Hướng dẫn, kèm cặp công chức mới; tham gia đánh giá công chức của phòng.",
                "Ý kiến nhận xét, đánh giá.",
                "Công chức được hướng dẫn nắm được nhiệm vụ.",
            ),
            (
                "Điều hành phòng khi Trưởng phòng vắng mặt và ủy quyền.",
                "Báo cáo Trưởng phòng sau khi điều hành.",
                "Đúng phạm vi ủy quyền.",
            ),
        ],
        internal="<p>Chịu sự lãnh đạo của Trưởng phòng; chỉ đạo công chức được phân công; phối hợp với các phòng, đơn vị thuộc Sở.</p>",
        external="<p>Làm việc với cơ quan, đơn vị liên quan theo phân công của Trưởng phòng.</p>",
        authority="<ul><li>Quyết định các vấn đề thuộc mảng công tác được phân công theo quy chế làm việc của phòng.</li></ul>",
        training_field="Phù hợp với lĩnh vực phòng phụ trách",
        experience="<p>Có kinh nghiệm chuyên môn trong lĩnh vực; đáp ứng tiêu chuẩn chức danh cấp phó của người đứng đầu cấp phòng.</p>",
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=DEPUTY_HEAD_COMPETENCIES,
    ),
    _position(
        "LDQL-07",
        "Trưởng phòng chuyên môn thuộc Ủy ban nhân dân cấp xã",
        "LDQL",
        "",
        CHUYEN_VIEN,
        objective=(
            "<p>Lãnh đạo phòng chuyên môn thuộc Ủy ban nhân dân cấp xã (Phòng Kinh tế hoặc Phòng Kinh tế, Hạ tầng và "
            "Đô thị, Phòng Văn hóa – Xã hội …) tham mưu, giúp Ủy ban nhân dân cấp xã quản lý nhà nước về ngành, lĩnh "
            "vực trên địa bàn theo mô hình chính quyền địa phương hai cấp; chịu trách nhiệm trước Ủy ban nhân dân, Chủ "
            "tịch Ủy ban nhân dân cấp xã.</p>"
        ),
        tasks=[
            (
                "Tổ chức thực hiện kế hoạch công tác của phòng; phân công nhiệm vụ cho Phó Trưởng phòng và công chức.",
                "Kế hoạch công tác; bảng phân công nhiệm vụ.",
                "Phân công rõ người, rõ việc; phòng hoàn thành kế hoạch năm.",
            ),
            (
                "Tham mưu Ủy ban nhân dân cấp xã ban hành quyết định, kế hoạch, chương trình về ngành, lĩnh vực phòng "
                "phụ trách.",
                "Tờ trình, dự thảo văn bản.",
                "Đúng thẩm quyền, đúng thời hạn; phù hợp tình hình địa phương.",
            ),
            (
                "Chỉ đạo giải quyết thủ tục hành chính thuộc lĩnh vực của phòng tiếp nhận qua Trung tâm phục vụ hành "
                "chính công cấp xã.",
                "Hồ sơ thủ tục hành chính được giải quyết; báo cáo tỷ lệ giải quyết đúng hạn.",
                "Không có hồ sơ quá hạn do lỗi của phòng; người dân, doanh nghiệp hài lòng.",
            ),
            (
                "Thực hiện nhiệm vụ được phân cấp, ủy quyền từ cấp tỉnh cho cấp xã trong lĩnh vực phòng phụ trách.",
                "Văn bản triển khai; báo cáo kết quả.",
                "Đúng phạm vi phân cấp, ủy quyền; báo cáo đầy đủ với sở quản lý ngành.",
            ),
            (
                "Kiểm tra, xử lý hoặc đề xuất xử lý vi phạm thuộc lĩnh vực quản lý; tham gia giải quyết khiếu nại, tố "
                "cáo, kiến nghị của người dân.",
                "Biên bản kiểm tra; đề xuất xử lý; văn bản trả lời kiến nghị.",
                "Đúng pháp luật, đúng thời hạn.",
            ),
            (
                "Quản lý, đánh giá công chức của phòng; báo cáo định kỳ với Ủy ban nhân dân cấp xã và các sở quản lý "
                "ngành.",
                "Kết quả đánh giá; báo cáo định kỳ.",
                "Đánh giá khách quan; báo cáo chính xác, đúng hạn.",
            ),
        ],
        internal=(
            "<p>Chịu sự chỉ đạo của Chủ tịch và Phó Chủ tịch Ủy ban nhân dân cấp xã phụ trách lĩnh vực; phối hợp với "
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, các phòng và Trung tâm phục vụ hành chính công cấp xã.</p>"
        ),
        external=(
            "<p>Chịu sự hướng dẫn chuyên môn, nghiệp vụ của các sở quản lý ngành; làm việc với người dân, doanh nghiệp, "
            "tổ chức trên địa bàn.</p>"
        ),
        authority=(
            "<ul><li>Quyết định phân công công việc trong phòng.</li>"
            "<li>Ký văn bản theo ủy quyền của Chủ tịch Ủy ban nhân dân cấp xã.</li>"
            "<li>Đề xuất về nhân sự, khen thưởng, kỷ luật của phòng.</li></ul>"
        ),
        training_field="Phù hợp với lĩnh vực phòng phụ trách",
        experience="<p>Có kinh nghiệm công tác trong lĩnh vực phòng phụ trách; đáp ứng tiêu chuẩn chức danh lãnh đạo cấp phòng.</p>",
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=HEAD_COMPETENCIES,
    ),
    _position(
        "LDQL-08",
        "Phó Trưởng phòng chuyên môn thuộc Ủy ban nhân dân cấp xã",
        "LDQL",
        "",
        CHUYEN_VIEN,
        objective=(
            "<p>Giúp Trưởng phòng chỉ đạo một số lĩnh vực của phòng chuyên môn thuộc Ủy ban nhân dân cấp xã theo phân "
            "công; trực tiếp giải quyết công việc chuyên môn và chịu trách nhiệm trước Trưởng phòng về nhiệm vụ được "
            "giao.</p>"
        ),
        tasks=[
            (
                "Chỉ đạo, kiểm tra công chức thực hiện nhiệm vụ thuộc lĩnh vực được phân công.",
                "Ý kiến chỉ đạo; kết quả kiểm tra.",
                "Lĩnh vực được giao hoàn thành kế hoạch.",
            ),
            (
                "Trực tiếp thẩm định, giải quyết hồ sơ thủ tục hành chính phức tạp thuộc lĩnh vực phụ trách.",
                "Hồ sơ được giải quyết; văn bản trả lời.",
                "Đúng pháp luật, đúng thời hạn.",
            ),
            (
                "Xây dựng báo cáo, kế hoạch, dự thảo văn bản thuộc lĩnh vực phụ trách.",
                "Báo cáo, kế hoạch, dự thảo văn bản.",
                "Đầy đủ, chính xác, đúng hạn.",
            ),
            (
                "Tham gia kiểm tra, xử lý vi phạm, tiếp nhận và xử lý phản ánh, kiến nghị của người dân.",
                "Biên bản kiểm tra; văn bản trả lời phản ánh, kiến nghị.",
                "Kịp thời, đúng quy định.",
            ),
            (
                "Điều hành phòng khi Trưởng phòng vắng mặt và ủy quyền.",
                "Báo cáo Trưởng phòng sau khi điều hành.",
                "Đúng phạm vi ủy quyền.",
            ),
        ],
        internal="<p>Chịu sự lãnh đạo của Trưởng phòng; phối hợp với các phòng, Trung tâm phục vụ hành chính công cấp xã.</p>",
        external="<p>Làm việc với người dân, doanh nghiệp, tổ chức trên địa bàn và các sở quản lý ngành theo phân công.</p>",
        authority="<ul><li>Quyết định các vấn đề thuộc lĩnh vực được phân công theo quy chế làm việc của phòng.</li></ul>",
        training_field="Phù hợp với lĩnh vực phòng phụ trách",
        experience="<p>Có kinh nghiệm công tác trong lĩnh vực; đáp ứng tiêu chuẩn chức danh cấp phó của người đứng đầu cấp phòng.</p>",
        personal_qualities=LEADER_QUALITIES,
        working_conditions=LEADER_CONDITIONS,
        other_requirements=LEADER_STANDARD,
        competencies=DEPUTY_HEAD_COMPETENCIES,
    ),
]

FRAMEWORK_POSITIONS = LEADERSHIP + COMMON + SUPPORT
