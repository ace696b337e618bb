"""Words the benchmark data set is made of: names, places, produce, questions,
notices, in Chinese and Vietnamese (the generator's areas draw from them).

Only content a citizen, a seller or an officer would type: never shown as
interface text, so none of it goes through gettext.
"""

from cms.core.demo_services import DemoMaterial, DemoService
from cms.pages.constants import NoticeCategory
from shop.catalogue.constants import ProduceCategory as C
from shop.catalogue.constants import ProduceUnit as U
from townships.consultations.constants import ConsultationKind

# Township names: a first and a second syllable (hanzi, pinyin).
CN_TOWN_FIRST = [
    ("龙", "long"),
    ("青", "qing"),
    ("白", "bai"),
    ("金", "jin"),
    ("花", "hua"),
    ("安", "an"),
    ("新", "xin"),
    ("太", "tai"),
    ("永", "yong"),
    ("福", "fu"),
    ("宝", "bao"),
    ("柳", "liu"),
    ("松", "song"),
    ("桃", "tao"),
    ("云", "yun"),
    ("丰", "feng"),
    ("黄", "huang"),
    ("红", "hong"),
    ("石", "shi"),
    ("马", "ma"),
    ("凤", "feng"),
    ("桂", "gui"),
    ("双", "shuang"),
    ("三", "san"),
    ("万", "wan"),
]
CN_TOWN_SECOND = [
    ("泉", "quan"),
    ("桥", "qiao"),
    ("山", "shan"),
    ("河", "he"),
    ("溪", "xi"),
    ("坪", "ping"),
    ("坝", "ba"),
    ("岭", "ling"),
    ("湾", "wan"),
    ("林", "lin"),
    ("场", "chang"),
    ("口", "kou"),
    ("塘", "tang"),
    ("田", "tian"),
    ("沟", "gou"),
    ("寺", "si"),
    ("阳", "yang"),
    ("兴", "xing"),
    ("水", "shui"),
    ("峰", "feng"),
]
CN_TOWN_SUFFIX = [("镇", "Town"), ("乡", "Township")]
# (county, province, latitude, longitude) around which the townships lie.
CN_COUNTIES = [
    ("Pengzhou", "Sichuan", 31.0, 103.9),
    ("Xinjin District", "Sichuan", 30.4, 103.8),
    ("Dayi County", "Sichuan", 30.6, 103.5),
    ("Pujiang County", "Sichuan", 30.2, 103.5),
    ("Qionglai", "Sichuan", 30.4, 103.4),
    ("Chongzhou", "Sichuan", 30.6, 103.7),
    ("Anyue County", "Sichuan", 30.1, 105.3),
    ("Jiangkou County", "Guizhou", 27.7, 108.8),
]
VN_TOWN_FIRST = [
    "Tân",
    "Hòa",
    "Phú",
    "An",
    "Bình",
    "Thạch",
    "Quang",
    "Minh",
    "Đông",
    "Xuân",
    "Vĩnh",
    "Thanh",
    "Trung",
    "Lạc",
    "Mỹ",
    "Long",
    "Hữu",
    "Đại",
    "Yên",
    "Hồng",
]
VN_TOWN_SECOND = [
    "Lập",
    "Bình",
    "Thịnh",
    "Hưng",
    "Phong",
    "Sơn",
    "Lâm",
    "Hà",
    "Khê",
    "Yên",
    "Thành",
    "Tiến",
    "Lộc",
    "Phúc",
    "Mai",
    "Đồng",
    "Linh",
    "Lương",
    "Quang",
    "Hải",
]
VN_COUNTIES = [
    ("Lộc Bình", "Lạng Sơn", 21.8, 106.9),
    ("Cao Lộc", "Lạng Sơn", 21.9, 106.8),
    ("Chi Lăng", "Lạng Sơn", 21.6, 106.6),
    ("Sa Pa", "Lào Cai", 22.3, 103.8),
    ("Mộc Châu", "Sơn La", 20.8, 104.6),
]
# Vietnamese letters that slugify would drop rather than plain.
VN_PLAIN = str.maketrans({"Đ": "D", "đ": "d"})

VILLAGE_CN = [
    "杨坪",
    "大楠",
    "龙门",
    "宝墩",
    "白沙",
    "高原",
    "天鹅",
    "石门",
    "竹林",
    "茶园",
    "桃源",
    "新民",
    "和平",
    "团结",
    "光明",
    "红星",
    "清水",
    "柏树",
    "梨花",
    "金鸡",
]
VILLAGE_VN = [
    "Khuổi Cầm",
    "Pò Po",
    "Lằm",
    "Nà Pàn",
    "Còn Chè",
    "Khuôn Van",
    "Nà Lừa",
    "Bó Củng",
    "Pác Kéo",
    "Nà Mạ",
    "Kéo Coong",
    "Tà Lài",
]

CN_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
)
CN_GIVEN = (
    "秀英桂芳玉兰明华建国志强丽娟海燕春梅德全永红小芳文军霞国庆金凤淑珍伟静敏磊"
    "洋勇艳杰娜涛超平刚佳欣宇浩然子涵梓萱晨阳雨桐思远嘉怡俊杰"
)
VN_SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Nông",
    "Vi",
    "Lương",
    "Hà",
    "Triệu",
]
VN_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Ngọc", "Quang", "Thanh", "Hữu"]
VN_GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Khang",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tùng",
    "Tuấn",
    "Vy",
    "Yến",
    "Hải",
    "Long",
    "Nhung",
]

# (category, Chinese, Vietnamese, unit, price in CNY, grams, shelf life days)
PRODUCE = [
    (C.EGGS_POULTRY, "土鸡蛋", "Trứng gà ta", U.DOZEN, 28, 800, 20),
    (C.EGGS_POULTRY, "土鸭蛋", "Trứng vịt", U.DOZEN, 24, 900, 25),
    (C.EGGS_POULTRY, "跑山鸡", "Gà đồi", U.PIECE, 158, 1500, 3),
    (C.VEGETABLES, "韭黄", "Hẹ vàng", U.JIN, 8, 500, 4),
    (C.VEGETABLES, "蕨菜", "Rau dớn", U.BUNCH, 10, 300, 5),
    (C.VEGETABLES, "四川泡菜", "Dưa muối", U.PIECE, 25, 1200, 90),
    (C.VEGETABLES, "高山萝卜", "Củ cải núi", U.KG, 6, 1000, 14),
    (C.BAMBOO_SHOOTS, "春笋", "Măng xuân", U.JIN, 12, 500, 5),
    (C.BAMBOO_SHOOTS, "笋干", "Măng khô", U.JIN, 45, 500, 365),
    (C.FRUIT, "丑柑", "Cam", U.KG, 16, 1000, 30),
    (C.FRUIT, "猕猴桃", "Kiwi", U.KG, 18, 1000, 20),
    (C.FRUIT, "高山桃", "Đào", U.KG, 15, 1000, 7),
    (C.FRUIT, "番荔枝", "Na", U.KG, 14, 1000, 5),
    (C.CURED_MEAT, "老腊肉", "Thịt gác bếp", U.JIN, 68, 500, 180),
    (C.CURED_MEAT, "麻辣香肠", "Lạp xưởng", U.JIN, 58, 500, 120),
    (C.SPICES, "八角", "Hoa hồi", U.KG, 52, 1000, 365),
    (C.SPICES, "汉源花椒", "Hoa tiêu", U.JIN, 60, 500, 365),
    (C.SPICES, "干辣椒", "Ớt khô", U.JIN, 22, 500, 365),
    (C.TEA, "高山绿茶", "Chè xanh", U.JIN, 120, 500, 540),
    (C.TEA, "雪山白茶", "Chè Shan tuyết", U.JIN, 180, 500, 720),
    (C.HANDICRAFTS, "竹编篮", "Giỏ tre", U.PIECE, 45, 400, 3650),
    (C.HANDICRAFTS, "手编草鞋", "Dép rơm", U.PIECE, 35, 300, 3650),
]
PRODUCE_QUALIFIER_CN = ["", "农家", "高山", "散养", "手工", "有机", "新鲜", "精选"]
PRODUCE_QUALIFIER_VN = ["", "nhà làm", "vùng cao", "sạch", "loại một", "tươi"]
PRODUCE_PITCH_CN = [
    "自家种养，当天采摘当天发货。",
    "山里的老品种，不打农药，吃得放心。",
    "合作社统一分拣包装，坏果包赔。",
    "祖传手艺，一年只做这一季。",
]
PRODUCE_PITCH_VN = [
    "Nhà tự trồng, hái trong ngày và gửi ngay.",
    "Giống cũ trên núi, không phun thuốc.",
    "Hợp tác xã phân loại, đóng gói cẩn thận.",
]
# How a villager agreed that the agent files for them: (Chinese, Vietnamese).
AGENT_CONSENT = (
    "本人到便民服务中心当面同意。",
    "Đồng ý trực tiếp tại bộ phận một cửa.",
)
# Why township staff refused a stall: (Chinese, Vietnamese).
STALL_REFUSAL = ("产品照片不清楚，请重新上传。", "Ảnh sản phẩm không rõ, xin gửi lại.")
# The colour of each category's shared product photo.
PHOTO_COLOURS = {
    C.EGGS_POULTRY: (236, 200, 120),
    C.VEGETABLES: (120, 170, 80),
    C.BAMBOO_SHOOTS: (190, 170, 110),
    C.FRUIT: (240, 150, 40),
    C.CURED_MEAT: (120, 50, 40),
    C.SPICES: (140, 60, 40),
    C.TEA: (90, 140, 60),
    C.HANDICRAFTS: (200, 180, 90),
}

# The demo's services are the model of every township's; Vietnamese communes
# also offer these two (the demo's Mẫu Sơn guides describe them).
VN_EXTRA_SERVICES = [
    DemoService(
        "",
        "civil-affairs",
        "marriage-registration",
        ("结婚登记", "Đăng ký kết hôn", "Marriage registration"),
        (
            "男女双方共同到一站式窗口领取结婚证。",
            "Hai bên nam nữ cùng có mặt khi nhận giấy chứng nhận kết hôn.",
            "Both partners come to the one-stop desk to receive the certificate.",
        ),
        (
            "在本乡居住、达到法定婚龄的公民。",
            "Công dân cư trú tại xã, đủ tuổi kết hôn theo luật định.",
            "Residents of the commune of legal marriage age.",
        ),
        "Luật Hôn nhân và gia đình 2014; Luật Hộ tịch 2014, Điều 17–18",
        "0",
        5,
        3,
        1,
        True,
        pickup=True,
        materials=[
            DemoMaterial(
                "结婚登记申请表",
                "Tờ khai đăng ký kết hôn",
                "Marriage registration form",
            ),
            DemoMaterial("公民身份证", "Căn cước công dân", "Citizen identity card"),
        ],
    ),
    DemoService(
        "",
        "service-hall",
        "copy-certification",
        ("复印件认证", "Chứng thực bản sao từ bản chính", "Certified copies"),
        (
            "在一站式窗口认证证件复印件，当场办结。",
            "Chứng thực bản sao giấy tờ tại bộ phận một cửa, nhận ngay.",
            "Copies of documents certified at the one-stop desk, on the spot.",
        ),
        (
            "任何持有原件的公民。",
            "Mọi công dân có bản chính giấy tờ.",
            "Anyone with the original document.",
        ),
        "Nghị định 23/2015/NĐ-CP",
        "2000",
        2,
        1,
        1,
        True,
        pickup=True,
        materials=[
            DemoMaterial("证件原件", "Bản chính giấy tờ", "Original document"),
        ],
    ),
]

# Chinese townships also handle these two, so that every department has
# cases on its statistics page.
CN_EXTRA_SERVICES = [
    DemoService(
        "",
        "agriculture",
        "farm-subsidy",
        (
            "耕地地力保护补贴申请",
            "Hỗ trợ bảo vệ đất canh tác",
            "Farmland protection subsidy",
        ),
        (
            "承包耕地的农户每年申报一次，补贴直接打到社保卡。",
            "Hộ nhận khoán đất kê khai mỗi năm một lần, tiền chuyển vào thẻ an sinh.",
            "Farmers with contracted land declare once a year; paid to their card.",
        ),
        (
            "在本镇承包耕地的农户。",
            "Hộ nhận khoán đất canh tác tại thị trấn.",
            "Households farming contracted land in the town.",
        ),
        "《耕地地力保护补贴资金管理办法》",
        "0",
        30,
        15,
        0,
        True,
        pickup=True,
        materials=[
            DemoMaterial(
                "土地承包经营权证", "Giấy chứng nhận khoán đất", "Land contract"
            ),
            DemoMaterial("社保卡", "Thẻ an sinh xã hội", "Social security card"),
        ],
    ),
    DemoService(
        "",
        "social-security",
        "medical-insurance",
        ("城乡居民医保参保登记", "Đăng ký bảo hiểm y tế", "Health insurance enrolment"),
        (
            "未参加职工医保的居民在户籍地参保，网上登记后缴费。",
            "Người dân chưa có bảo hiểm y tế đăng ký tại nơi cư trú rồi đóng phí.",
            "Residents without employee insurance enrol where registered, then pay.",
        ),
        (
            "户籍在本镇的城乡居民。",
            "Cư dân có hộ khẩu tại thị trấn.",
            "Residents registered in the town.",
        ),
        "《中华人民共和国社会保险法》第二十五条",
        "0",
        10,
        5,
        0,
        True,
        e_certificate=True,
        materials=[
            DemoMaterial("居民身份证", "Căn cước công dân", "Resident identity card"),
        ],
    ),
]

# (category slug, kind, Chinese title, Chinese text, Vietnamese title, text)
QUESTIONS = [
    (
        "farming",
        ConsultationKind.QUESTION,
        "今年的耕地地力补贴什么时候发？",
        "去年的补贴到了，今年的还没看到，想问一下时间。",
        "Khi nào có tiền hỗ trợ đất trồng lúa năm nay?",
        "Năm ngoái đã nhận, năm nay chưa thấy, xin hỏi thời gian.",
    ),
    (
        "farming",
        ConsultationKind.QUESTION,
        "种苗补贴需要准备哪些材料？",
        "想扩种两亩果树，请问补贴怎么申请。",
        "Hỗ trợ cây giống cần giấy tờ gì?",
        "Nhà tôi muốn trồng thêm hai sào cây ăn quả, xin hướng dẫn.",
    ),
    (
        "certificates",
        ConsultationKind.QUESTION,
        "开居住证明要带什么？",
        "孩子上学需要居住证明，请问要带哪些证件。",
        "Xin giấy xác nhận cư trú cần mang gì?",
        "Con tôi đi học cần giấy xác nhận cư trú.",
    ),
    (
        "certificates",
        ConsultationKind.COMPLAINT,
        "补办户口簿等了太久",
        "上个月交的材料，到现在还没有消息。",
        "Làm lại sổ hộ khẩu chờ quá lâu",
        "Tôi nộp hồ sơ từ tháng trước mà chưa có tin gì.",
    ),
    (
        "roads-water",
        ConsultationKind.COMPLAINT,
        "村口路灯坏了",
        "晚上很黑，老人小孩走路不安全。",
        "Đèn đường đầu bản bị hỏng",
        "Buổi tối rất tối, người già và trẻ em đi lại nguy hiểm.",
    ),
    (
        "roads-water",
        ConsultationKind.COMPLAINT,
        "自来水经常停水",
        "这个月停了好几次，也没有提前通知。",
        "Nước sinh hoạt hay bị cắt",
        "Tháng này bị cắt mấy lần mà không báo trước.",
    ),
    (
        "roads-water",
        ConsultationKind.SUGGESTION,
        "建议村道加装护栏",
        "急弯处下雨天容易出事。",
        "Đề nghị lắp lan can đường bản",
        "Khúc cua gấp, trời mưa rất dễ xảy ra tai nạn.",
    ),
    (
        "social-security",
        ConsultationKind.QUESTION,
        "城乡居民医保在哪里缴费？",
        "家里老人今年的医保还没交。",
        "Đóng bảo hiểm y tế ở đâu?",
        "Bố mẹ tôi chưa đóng bảo hiểm y tế năm nay.",
    ),
    (
        "social-security",
        ConsultationKind.QUESTION,
        "养老金资格认证怎么做？",
        "父亲行动不便，能否上门认证？",
        "Xác nhận hưởng lương hưu làm thế nào?",
        "Bố tôi đi lại khó khăn, cán bộ có đến nhà được không?",
    ),
    (
        "service",
        ConsultationKind.SUGGESTION,
        "便民中心午休能否错峰值班？",
        "中午赶集的人多，希望有人值班。",
        "Bộ phận một cửa trực trưa được không?",
        "Buổi trưa nhiều người đi chợ, mong có người trực.",
    ),
    (
        "service",
        ConsultationKind.COMPLAINT,
        "窗口工作人员态度不好",
        "办事时被催着走，没有讲清楚要补什么材料。",
        "Cán bộ một cửa thái độ chưa tốt",
        "Tôi bị giục về mà không được nói rõ cần bổ sung gì.",
    ),
]
ANSWER_CN = [
    "您好，已核实情况，请带身份证到便民服务中心办理，当天可取。",
    "您好，已安排工作人员处理，详见镇政府公告。",
    "您好，相关部门已到现场查看，预计本周内修复。",
]
ANSWER_VN = [
    "Chào bạn, xã đã tiếp nhận và xử lý; mời bạn đến bộ phận một cửa.",
    "Chào bạn, cán bộ đã kiểm tra hiện trường, dự kiến sửa xong trong tuần.",
]
HOLDING_CN = "已收到，正在核实，请耐心等待。"
HOLDING_VN = "Đã tiếp nhận, đang xác minh, xin vui lòng chờ."

# (notice category, Chinese title, Chinese summary, Vietnamese title, summary);
# "{village}" is a village of the township.
NOTICES = [
    (
        NoticeCategory.PUBLIC_NOTICE,
        "{village}村临时停水通知",
        "因管网检修，将停水一天，请提前储水。",
        "Thông báo tạm ngừng cấp nước bản {village}",
        "Sửa chữa đường ống, ngừng cấp nước một ngày.",
    ),
    (
        NoticeCategory.PUBLIC_NOTICE,
        "{village}村道路施工交通管制",
        "施工期间请绕行，注意安全。",
        "Phân luồng giao thông đường bản {village}",
        "Trong thời gian thi công xin đi đường khác.",
    ),
    (
        NoticeCategory.POLICY,
        "城乡居民医保缴费开始",
        "可在网上或便民服务中心缴纳。",
        "Bắt đầu thu bảo hiểm y tế",
        "Đóng trực tuyến hoặc tại bộ phận một cửa.",
    ),
    (
        NoticeCategory.POLICY,
        "高龄津贴发放标准调整",
        "80周岁以上老人津贴自动发放到社保卡。",
        "Điều chỉnh trợ cấp người cao tuổi",
        "Trợ cấp được chuyển thẳng vào thẻ bảo hiểm xã hội.",
    ),
    (
        NoticeCategory.EVENT,
        "{village}村农产品集市开市",
        "摊位免费，欢迎各村农户设摊。",
        "Phiên chợ nông sản bản {village}",
        "Gian hàng miễn phí, mời bà con đến bày bán.",
    ),
    (
        NoticeCategory.EVENT,
        "电商直播带货培训报名",
        "农业服务中心举办免费培训。",
        "Tập huấn bán hàng qua livestream",
        "Trung tâm dịch vụ nông nghiệp mở lớp miễn phí.",
    ),
    (
        NoticeCategory.EMERGENCY_ALERT,
        "暴雨预警：{village}村群众注意防范",
        "请远离河道和山体边坡。",
        "Cảnh báo mưa lớn: bà con bản {village} chú ý",
        "Tránh xa sông suối và sườn đồi.",
    ),
]
NOTICE_BODY_CN = "详情请咨询镇政府各办公室，或在工作日到便民服务中心了解。"
NOTICE_BODY_VN = "Chi tiết xin liên hệ các ban của xã hoặc bộ phận một cửa."
# How often each notice template is used: emergencies are rare.
NOTICE_WEIGHTS = [14, 10, 8, 6, 10, 8, 2]
