# ruff: noqa: E501  (Vietnamese prose data: long string literals are kept whole where they read better)
"""Competency dictionary (từ điển năng lực): the seven general competencies of docs/rules.md §3,
professional and management competencies, each with five graded level descriptors.

Levels read the same way across the dictionary: 1 understands and does it under guidance;
2 does it on their own in routine cases; 3 masters it in complex cases and guides others;
4 leads it for a unit (designs, coordinates, controls quality); 5 sets the direction for a
body or a sector.
"""

# (code, name, definition, [level 1 … level 5])
GENERAL = [
    (
        "NLC01",
        "Đạo đức, liêm chính",
        "Giữ gìn phẩm chất chính trị, đạo đức công vụ; trung thực, khách quan, công tâm; chấp hành kỷ luật, "
        "kỷ cương hành chính; phòng, chống tham nhũng, tiêu cực trong thực thi công vụ.",
        [
            "Hiểu và chấp hành các quy định về đạo đức công vụ, quy tắc ứng xử và những việc công chức không được "
            "làm; thực hiện đúng dưới sự hướng dẫn, nhắc nhở của người phụ trách.",
            "Tự giác thực hiện đúng quy tắc ứng xử; trung thực, khách quan trong công việc của mình; chủ động báo "
            "cáo khi có nguy cơ xung đột lợi ích.",
            "Nhận diện được nguy cơ vi phạm liêm chính, xung đột lợi ích trong lĩnh vực phụ trách và chủ động phòng "
            "ngừa; nêu gương, nhắc nhở đồng nghiệp chấp hành.",
            "Xây dựng và tổ chức thực hiện các biện pháp công khai, minh bạch, phòng, chống tham nhũng, tiêu cực "
            "trong đơn vị; xử lý nghiêm, đúng quy định các vi phạm được phát hiện.",
            "Định hướng, dẫn dắt văn hóa công vụ liêm chính trong cơ quan, ngành; đề xuất hoàn thiện cơ chế kiểm soát "
            "quyền lực và là tấm gương mẫu mực về đạo đức công vụ.",
        ],
    ),
    (
        "NLC02",
        "Tổ chức thực hiện công việc",
        "Lập kế hoạch, sắp xếp thứ tự ưu tiên, bố trí thời gian và nguồn lực để hoàn thành nhiệm vụ được giao "
        "đúng tiến độ, đúng quy định và bảo đảm chất lượng.",
        [
            "Hiểu quy trình và thực hiện được các công việc đơn giản, lặp lại theo kế hoạch, dưới sự hướng dẫn, "
            "kiểm tra của người phụ trách.",
            "Tự lập kế hoạch công việc cá nhân theo tuần, tháng; sắp xếp thứ tự ưu tiên và hoàn thành nhiệm vụ "
            "thường xuyên đúng hạn mà ít cần giám sát.",
            "Tổ chức thực hiện được nhiệm vụ phức tạp, nhiều bước, cần phối hợp nhiều người; chủ động điều chỉnh kế "
            "hoạch khi có phát sinh và hướng dẫn đồng nghiệp.",
            "Chủ trì xây dựng, điều phối kế hoạch công tác của nhóm hoặc lĩnh vực; phân bổ nguồn lực, theo dõi, đôn "
            "đốc và đề xuất cải tiến quy trình để nâng cao hiệu quả.",
            "Định hướng, dẫn dắt việc tổ chức thực hiện các chương trình, đề án lớn của cơ quan, ngành; thiết kế cách "
            "quản lý công việc và đánh giá kết quả theo mục tiêu.",
        ],
    ),
    (
        "NLC03",
        "Soạn thảo văn bản",
        "Soạn thảo văn bản hành chính, văn bản chuyên môn đúng thể thức, kỹ thuật trình bày, ngôn ngữ hành chính "
        "và thẩm quyền ban hành theo quy định về công tác văn thư.",
        [
            "Hiểu thể thức, kỹ thuật trình bày văn bản hành chính; soạn được văn bản đơn giản (giấy mời, giấy giới "
            "thiệu, thông báo ngắn) theo mẫu, dưới sự hướng dẫn.",
            "Tự soạn thảo đúng thể thức, chính xác về nội dung các văn bản thông thường (công văn, báo cáo định kỳ, "
            "tờ trình đơn giản) thuộc phạm vi công việc được giao.",
            "Soạn thảo thành thạo văn bản phức tạp (báo cáo tổng hợp, kế hoạch, tờ trình, dự thảo quyết định) với lập "
            "luận chặt chẽ; góp ý, chỉnh sửa được văn bản của người khác.",
            "Chủ trì soạn thảo văn bản quan trọng, đề án, văn bản quy phạm pháp luật của lĩnh vực; kiểm soát chất "
            "lượng văn bản của đơn vị trước khi trình ký.",
            "Định hướng nội dung, chỉ đạo và quyết định cuối cùng đối với các văn bản chiến lược, chính sách của cơ "
            "quan, ngành; ban hành quy chuẩn, mẫu văn bản áp dụng chung.",
        ],
    ),
    (
        "NLC04",
        "Giao tiếp, ứng xử",
        "Truyền đạt thông tin rõ ràng, lắng nghe, tiếp thu ý kiến; ứng xử văn minh, tôn trọng với đồng nghiệp, "
        "tổ chức và người dân theo quy tắc ứng xử của cán bộ, công chức.",
        [
            "Hiểu quy tắc ứng xử nơi công sở; giao tiếp lịch sự, trả lời được các câu hỏi thông thường dưới sự hướng "
            "dẫn của người phụ trách.",
            "Trình bày thông tin rõ ràng, mạch lạc bằng lời nói và văn bản; lắng nghe, tiếp nhận và phản hồi yêu cầu "
            "của đồng nghiệp, người dân đúng mực.",
            "Giao tiếp hiệu quả trong tình huống khó (khiếu nại, bất đồng ý kiến); thuyết phục được người nghe mà vẫn "
            "giữ được quan hệ tích cực.",
            "Chủ trì trao đổi, đàm phán, đối thoại với cơ quan, tổ chức bên ngoài và người dân; xử lý tình huống giao "
            "tiếp nhạy cảm, bảo vệ hình ảnh của cơ quan.",
            "Định hướng, dẫn dắt công tác truyền thông của cơ quan; phát ngôn, đối thoại chính sách trước công chúng, "
            "báo chí và xây dựng văn hóa giao tiếp của tổ chức.",
        ],
    ),
    (
        "NLC05",
        "Phối hợp",
        "Làm việc cùng đồng nghiệp, các đơn vị trong và ngoài cơ quan để đạt mục tiêu chung; chia sẻ thông tin, "
        "hỗ trợ lẫn nhau và giải quyết bất đồng một cách xây dựng.",
        [
            "Hiểu vai trò của mình trong nhóm; tham gia công việc chung và thực hiện phần việc được phân công dưới sự "
            "hướng dẫn.",
            "Chủ động chia sẻ thông tin, hỗ trợ đồng nghiệp và phối hợp đúng quy chế với các bộ phận liên quan khi xử "
            "lý công việc thường xuyên.",
            "Phối hợp hiệu quả với nhiều đơn vị trong và ngoài cơ quan để giải quyết nhiệm vụ liên ngành; chủ động tháo "
            "gỡ vướng mắc, bất đồng khi phối hợp.",
            "Chủ trì, điều phối hoạt động phối hợp giữa các đơn vị; xây dựng quy chế phối hợp và theo dõi việc thực "
            "hiện.",
            "Định hướng, dẫn dắt quan hệ hợp tác chiến lược giữa cơ quan với các bộ, ngành, địa phương và đối tác; tạo "
            "đồng thuận trong các vấn đề liên ngành phức tạp.",
        ],
    ),
    (
        "NLC06",
        "Ứng dụng công nghệ thông tin",
        "Sử dụng thiết bị, phần mềm, hệ thống thông tin và dịch vụ số trong công việc; khai thác dữ liệu và bảo "
        "đảm an toàn thông tin theo yêu cầu chuyển đổi số.",
        [
            "Hiểu và sử dụng được máy tính, phần mềm soạn thảo, thư điện tử công vụ và hệ thống quản lý văn bản ở mức "
            "cơ bản dưới sự hướng dẫn.",
            "Sử dụng thành thạo phần mềm văn phòng, hệ thống quản lý văn bản và điều hành, chữ ký số; tuân thủ quy định "
            "an toàn thông tin khi xử lý công việc.",
            "Khai thác hiệu quả cơ sở dữ liệu, phần mềm chuyên ngành và công cụ phân tích dữ liệu để xử lý công việc; "
            "hướng dẫn đồng nghiệp sử dụng.",
            "Đề xuất, chủ trì ứng dụng giải pháp số hóa quy trình nghiệp vụ của đơn vị; đánh giá hiệu quả và rủi ro an "
            "toàn thông tin của giải pháp.",
            "Định hướng, dẫn dắt chuyển đổi số của cơ quan, ngành; xây dựng chiến lược quản trị dữ liệu và chính sách "
            "ứng dụng công nghệ thông tin.",
        ],
    ),
    (
        "NLC07",
        "Ngoại ngữ",
        "Sử dụng ngoại ngữ để đọc, trao đổi và xử lý công việc khi nhiệm vụ của vị trí việc làm yêu cầu (đối "
        "chiếu Khung năng lực ngoại ngữ 6 bậc dùng cho Việt Nam khi cần xác định trình độ).",
        [
            "Hiểu và sử dụng được câu giao tiếp, thuật ngữ đơn giản liên quan đến công việc; đọc hiểu văn bản ngắn với "
            "công cụ dịch hoặc dưới sự hướng dẫn của đồng nghiệp.",
            "Đọc hiểu tài liệu thông thường thuộc lĩnh vực chuyên môn; viết được thư điện tử, nội dung trao đổi ngắn "
            "với đối tác.",
            "Trao đổi trực tiếp, dịch và soạn thảo được văn bản công việc bằng ngoại ngữ; tham gia họp, hội thảo chuyên "
            "môn với đối tác nước ngoài.",
            "Chủ trì trao đổi, đàm phán, trình bày báo cáo bằng ngoại ngữ; hiệu đính bản dịch văn bản quan trọng, thỏa "
            "thuận quốc tế.",
            "Sử dụng ngoại ngữ như ngôn ngữ làm việc để đại diện cơ quan tại diễn đàn quốc tế, dẫn dắt đàm phán và định "
            "hướng hợp tác quốc tế.",
        ],
    ),
]

PROFESSIONAL = [
    (
        "NLCM01",
        "Xây dựng, thẩm định văn bản quy phạm pháp luật",
        "Nghiên cứu, soạn thảo, góp ý, thẩm định, kiểm tra, rà soát và hệ thống hóa văn bản quy phạm pháp luật "
        "theo Luật Ban hành văn bản quy phạm pháp luật; theo dõi thi hành pháp luật.",
        [
            "Hiểu trình tự, thủ tục xây dựng văn bản quy phạm pháp luật; thu thập tài liệu, tổng hợp ý kiến góp ý dự "
            "thảo dưới sự hướng dẫn.",
            "Tự rà soát văn bản thuộc lĩnh vực được giao, phát hiện văn bản hết hiệu lực, mâu thuẫn, chồng chéo; dự "
            "thảo báo cáo tiếp thu, giải trình ý kiến.",
            "Soạn thảo dự thảo văn bản quy phạm pháp luật, tờ trình; thẩm định, góp ý về tính hợp hiến, hợp pháp, tính "
            "thống nhất của dự thảo.",
            "Chủ trì xây dựng, thẩm định các dự thảo phức tạp, liên ngành; đánh giá tác động chính sách và bảo vệ dự "
            "thảo trước cấp có thẩm quyền.",
            "Định hướng, dẫn dắt công tác xây dựng và hoàn thiện thể chế của ngành, địa phương; đề xuất chính sách lớn "
            "và giải pháp sửa đổi hệ thống pháp luật.",
        ],
    ),
    (
        "NLCM02",
        "Tham mưu, tổng hợp",
        "Thu thập, phân tích, tổng hợp thông tin; đề xuất phương án, giải pháp giúp lãnh đạo chỉ đạo, điều hành "
        "và ra quyết định kịp thời, có căn cứ.",
        [
            "Hiểu yêu cầu tham mưu; thu thập, cập nhật số liệu, thông tin theo mẫu biểu được giao dưới sự hướng dẫn.",
            "Tổng hợp, kiểm tra số liệu và soạn báo cáo định kỳ, chuyên đề về lĩnh vực được giao chính xác, đúng hạn.",
            "Phân tích, đánh giá tình hình, chỉ ra nguyên nhân và đề xuất các phương án xử lý có căn cứ, có so sánh ưu, "
            "nhược điểm.",
            "Chủ trì tham mưu các vấn đề phức tạp, liên ngành; dự báo xu hướng, xây dựng chương trình, kế hoạch công "
            "tác của cơ quan.",
            "Định hướng, dẫn dắt công tác tham mưu chiến lược; đề xuất chủ trương, chính sách lớn cho lãnh đạo cơ quan, "
            "ngành, địa phương.",
        ],
    ),
    (
        "NLCM03",
        "Quản lý tài chính, kế toán",
        "Lập, chấp hành, quyết toán dự toán ngân sách; tổ chức công tác kế toán, quản lý thu, chi và tài sản theo "
        "Luật Ngân sách nhà nước, Luật Kế toán và chế độ kế toán hành chính, sự nghiệp.",
        [
            "Hiểu chế độ kế toán hành chính, sự nghiệp; lập chứng từ, ghi sổ các nghiệp vụ đơn giản dưới sự hướng dẫn "
            "của kế toán trưởng.",
            "Tự thực hiện đúng quy định các phần hành kế toán được giao (thanh toán, tiền lương, tài sản); kiểm soát "
            "tính hợp pháp, hợp lệ của chứng từ.",
            "Lập dự toán, báo cáo tài chính, quyết toán ngân sách của đơn vị; phân tích tình hình thực hiện dự toán và "
            "đề xuất điều chỉnh.",
            "Tổ chức bộ máy, quy trình kế toán và quy chế chi tiêu nội bộ; chủ trì kiểm soát nội bộ, giải trình trước "
            "cơ quan kiểm toán, thanh tra tài chính.",
            "Định hướng, dẫn dắt công tác quản lý tài chính công của cơ quan, ngành; đề xuất cơ chế tài chính, cơ chế "
            "tự chủ và chính sách quản lý ngân sách.",
        ],
    ),
    (
        "NLCM04",
        "Quản lý hồ sơ, tài liệu",
        "Quản lý văn bản đến, văn bản đi; lập hồ sơ; thu thập, chỉnh lý, bảo quản và phục vụ khai thác tài liệu "
        "lưu trữ (giấy và điện tử) theo quy định về văn thư, lưu trữ.",
        [
            "Hiểu quy trình văn thư, lưu trữ; đăng ký, chuyển giao văn bản và sắp xếp hồ sơ theo hướng dẫn.",
            "Tự quản lý văn bản đi, đến trên hệ thống; quản lý, sử dụng con dấu; lập hồ sơ công việc đúng danh mục hồ "
            "sơ.",
            "Thu thập, chỉnh lý, xác định giá trị tài liệu; lập danh mục, mục lục hồ sơ và hướng dẫn các đơn vị lập hồ "
            "sơ, nộp lưu.",
            "Chủ trì xây dựng quy chế, kế hoạch công tác văn thư, lưu trữ; tổ chức số hóa, quản lý tài liệu lưu trữ "
            "điện tử và hủy tài liệu hết giá trị.",
            "Định hướng, dẫn dắt công tác văn thư, lưu trữ của ngành, địa phương; xây dựng chính sách, tiêu chuẩn về "
            "quản lý tài liệu và lưu trữ số.",
        ],
    ),
    (
        "NLCM05",
        "Quản trị hệ thống thông tin",
        "Vận hành, quản trị và bảo đảm an toàn hạ tầng kỹ thuật, hệ thống thông tin, cơ sở dữ liệu, dịch vụ công "
        "trực tuyến của cơ quan theo cấp độ an toàn hệ thống thông tin.",
        [
            "Hiểu cấu trúc hạ tầng, hệ thống thông tin của cơ quan; hỗ trợ người dùng cài đặt, xử lý sự cố đơn giản "
            "dưới sự hướng dẫn.",
            "Tự vận hành, theo dõi, sao lưu hệ thống, quản lý tài khoản người dùng; xử lý sự cố thông thường theo quy "
            "trình.",
            "Quản trị máy chủ, mạng, cơ sở dữ liệu; phân tích, khắc phục sự cố phức tạp; triển khai biện pháp bảo đảm "
            "an toàn thông tin theo cấp độ.",
            "Chủ trì thiết kế phương án kỹ thuật, hồ sơ đề xuất cấp độ và kế hoạch ứng phó sự cố; đánh giá, nghiệm "
            "thu dự án công nghệ thông tin.",
            "Định hướng, dẫn dắt kiến trúc số, chiến lược hạ tầng và an toàn thông tin của cơ quan, ngành; chuẩn hóa, "
            "kết nối, chia sẻ dữ liệu liên ngành.",
        ],
    ),
    (
        "NLCM06",
        "Nghiệp vụ tổ chức cán bộ",
        "Tham mưu về tổ chức bộ máy, vị trí việc làm, biên chế; tuyển dụng, sử dụng, quản lý, đánh giá, đào tạo, "
        "bồi dưỡng và chế độ, chính sách đối với cán bộ, công chức, viên chức, người lao động.",
        [
            "Hiểu quy định về cán bộ, công chức, viên chức; cập nhật hồ sơ, dữ liệu nhân sự và tổng hợp số liệu theo "
            "hướng dẫn.",
            "Tự thực hiện thủ tục nâng lương, chế độ, chính sách, quản lý hồ sơ cán bộ đúng quy định; lập báo cáo "
            "thống kê đội ngũ.",
            "Tham mưu tuyển dụng, đánh giá, quy hoạch, bổ nhiệm, đào tạo, bồi dưỡng; xây dựng, điều chỉnh danh mục và "
            "bản mô tả vị trí việc làm.",
            "Chủ trì xây dựng đề án vị trí việc làm, cơ cấu ngạch, phương án sắp xếp tổ chức bộ máy, tinh giản biên "
            "chế của cơ quan.",
            "Định hướng, dẫn dắt chiến lược phát triển nguồn nhân lực, chính sách quản lý cán bộ của ngành, địa "
            "phương; đề xuất đổi mới thể chế công vụ.",
        ],
    ),
    (
        "NLCM07",
        "Quản lý tài sản công, hậu cần",
        "Quản lý, sử dụng, bảo dưỡng trụ sở, phương tiện, trang thiết bị; tổ chức hậu cần, phục vụ hội nghị và "
        "bảo đảm điều kiện làm việc của cơ quan theo Luật Quản lý, sử dụng tài sản công.",
        [
            "Hiểu quy định về sử dụng tài sản, trang thiết bị; thực hiện kiểm đếm, sắp xếp, bảo quản và phục vụ dưới "
            "sự hướng dẫn của người phụ trách.",
            "Tự theo dõi, cập nhật sổ tài sản, đề nghị sửa chữa, bảo dưỡng định kỳ; chuẩn bị hậu cần cho các cuộc họp, "
            "hội nghị thông thường.",
            "Lập kế hoạch mua sắm, sửa chữa, bảo dưỡng tài sản; kiểm kê, đánh giá hiện trạng và tổ chức phục vụ các hội "
            "nghị lớn.",
            "Chủ trì xây dựng quy chế quản lý, sử dụng tài sản công, phương án bố trí trụ sở, phương tiện; kiểm soát "
            "tiêu chuẩn, định mức sử dụng.",
            "Định hướng, dẫn dắt công tác quản lý tài sản công, xây dựng công sở hiện đại của cơ quan, ngành; đề xuất "
            "chính sách sắp xếp, xử lý tài sản, trụ sở.",
        ],
    ),
]

MANAGEMENT = [
    (
        "NLQL01",
        "Tầm nhìn chiến lược",
        "Nhận biết xu hướng, xác định mục tiêu dài hạn và định hướng phát triển cho đơn vị, lĩnh vực phù hợp với "
        "chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
        [
            "Hiểu chiến lược, mục tiêu của cơ quan và gắn kế hoạch công tác của mình với các mục tiêu đó dưới sự hướng "
            "dẫn.",
            "Xác định được mục tiêu ngắn hạn của bộ phận phù hợp với định hướng chung và giải thích được cho cấp dưới.",
            "Phân tích bối cảnh, xu hướng để xây dựng kế hoạch trung hạn của phòng, đơn vị; dự báo được thuận lợi, khó "
            "khăn.",
            "Chủ trì xây dựng chiến lược, kế hoạch dài hạn của lĩnh vực; lựa chọn ưu tiên và kết nối mục tiêu của các "
            "đơn vị.",
            "Định hướng, dẫn dắt tầm nhìn phát triển của cơ quan, ngành, địa phương; tạo đồng thuận và huy động các bên "
            "cùng thực hiện.",
        ],
    ),
    (
        "NLQL02",
        "Ra quyết định",
        "Đưa ra quyết định kịp thời, đúng thẩm quyền, trên cơ sở thông tin đầy đủ, có cân nhắc rủi ro và chịu "
        "trách nhiệm về quyết định của mình.",
        [
            "Hiểu thẩm quyền và quy trình ra quyết định; quyết định các việc đơn giản thuộc phạm vi được giao dưới sự "
            "hướng dẫn.",
            "Tự quyết định các vấn đề thường xuyên của bộ phận trên cơ sở quy định và dữ liệu sẵn có; báo cáo kịp thời "
            "vấn đề vượt thẩm quyền.",
            "Quyết định được các vấn đề phức tạp khi thông tin chưa đầy đủ, có đánh giá rủi ro và phương án dự phòng.",
            "Chủ trì quyết định các vấn đề tác động tới nhiều đơn vị; cân bằng lợi ích các bên và chịu trách nhiệm "
            "giải trình.",
            "Định hướng, dẫn dắt các quyết sách lớn, kể cả trong tình huống khẩn cấp, nhạy cảm; xây dựng cơ chế phân "
            "cấp, ủy quyền ra quyết định trong tổ chức.",
        ],
    ),
    (
        "NLQL03",
        "Quản lý nguồn lực",
        "Huy động, phân bổ và sử dụng hiệu quả nhân lực, tài chính, tài sản, thời gian và thông tin để hoàn thành "
        "mục tiêu của đơn vị.",
        [
            "Hiểu các nguồn lực của bộ phận; sử dụng tiết kiệm, đúng mục đích nguồn lực được giao dưới sự hướng dẫn.",
            "Lập kế hoạch sử dụng nguồn lực cho nhiệm vụ, dự án nhỏ; theo dõi, kiểm soát chi phí và tiến độ.",
            "Phân bổ nguồn lực giữa các nhiệm vụ theo mức độ ưu tiên; phát hiện lãng phí và điều chỉnh kịp thời.",
            "Chủ trì xây dựng kế hoạch, dự toán nguồn lực của đơn vị; tối ưu hóa cơ cấu nhân lực, tài chính, tài sản.",
            "Định hướng, dẫn dắt chính sách huy động, phân bổ nguồn lực của cơ quan, ngành; đổi mới cơ chế tự chủ và "
            "quản trị hiệu quả.",
        ],
    ),
    (
        "NLQL04",
        "Phát triển đội ngũ",
        "Xây dựng, bồi dưỡng, động viên và đánh giá công chức, viên chức dưới quyền; tạo môi trường làm việc đoàn "
        "kết, phát huy năng lực và phát hiện nhân tài.",
        [
            "Hiểu yêu cầu năng lực của vị trí việc làm; chia sẻ kinh nghiệm, hỗ trợ đồng nghiệp mới dưới sự hướng dẫn.",
            "Hướng dẫn, kèm cặp công chức mới; phản hồi kịp thời về kết quả công việc của người được giao hướng dẫn.",
            "Phân công phù hợp năng lực, đánh giá khách quan, xác định nhu cầu đào tạo, bồi dưỡng của các thành viên "
            "trong bộ phận.",
            "Chủ trì kế hoạch phát triển đội ngũ của đơn vị (quy hoạch, luân chuyển, bồi dưỡng); xây dựng tập thể đoàn "
            "kết, hiệu quả.",
            "Định hướng, dẫn dắt chiến lược phát triển nguồn nhân lực và văn hóa tổ chức; phát hiện, trọng dụng, bồi "
            "dưỡng nhân tài cho cơ quan, ngành.",
        ],
    ),
]


def competency_rows():
    """Rows as dicts: code, kind, name, definition, order, levels (five descriptors, level 1 first)."""
    rows = []
    for kind, entries in (("CHUNG", GENERAL), ("CHUYENMON", PROFESSIONAL), ("QUANLY", MANAGEMENT)):
        for order, (code, name, definition, levels) in enumerate(entries, start=1):
            rows.append(
                {"code": code, "kind": kind, "name": name, "definition": definition, "order": order, "levels": levels}
            )
    return rows
