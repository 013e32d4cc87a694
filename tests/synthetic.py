"""Fictional annual reports for the audit's tests and benchmark: distinct ones, and near-copies.

Every report is composed from word lists, so two reports share only what real
ones share: the regulation's wording (the pack's boilerplate) and the common
vocabulary of the trade (行政执法, 合法性审查…), never whole sentences. Each
sentence also carries a detail clause of words drawn from a few hundred made-up
two-character words, so that two distinct reports agree in few character
shingles. A **near-copy** is another report with the issuer's place, the years
and every figure changed, a few words swapped for synonyms (推进 → 推动) and
the clauses of a few sentences swapped: what a county does when it files its
neighbour's report.
"""

from __future__ import annotations

import random
import re

SYLLABLES = ("安宝昌川丹东丰福阜广桂海汉和河衡华淮黄吉嘉江金锦靖九康兰乐丽临龙隆鹿洛梅南宁平浦祁庆青"
             "秋泉仁瑞山上韶石寿双顺泰潭桃天通万望渭文武西仙湘新兴秀徐宣延阳宜永余玉元岳云长昭柘正中舟")
DEPARTMENTS = ("司法局", "市场监督管理局", "生态环境局", "自然资源局", "交通运输局", "卫生健康委员会",
               "住房和城乡建设局", "人力资源和社会保障局", "应急管理局", "农业农村局")
ACTIONS = ("深化", "推进", "完善", "健全", "落实", "规范", "强化", "优化", "压实", "统筹", "夯实", "创新")
OBJECTS = ("行政执法三项制度", "重大行政决策程序", "规范性文件备案审查", "行政复议体制改革", "公共法律服务体系",
           "法治宣传教育", "执法人员资格管理", "政务公开", "信用监管", "证明事项告知承诺制", "合法性审查机制",
           "行政调解工作", "法律顾问制度", "行政执法监督", "涉企行政检查", "政府信息公开", "人民调解组织建设",
           "包容审慎监管", "数字法治政府建设", "基层法治队伍建设")
MEANS = ("建立工作台账", "开展专项检查", "组织业务培训", "制定实施方案", "引入第三方评估", "开展案卷评查",
         "召开专题推进会", "建立联席会议制度", "实行清单化管理", "开展交叉检查", "建立月调度机制",
         "完善考核办法", "开展以案释法", "编印工作指引")
PLACES = ("在{p}各乡镇", "在全{s}范围内", "在重点行业领域", "在{p}城区", "在{s}直各部门", "在市场监管领域",
          "在生态环境领域", "在交通运输领域")
RESULTS = ("全年办理相关事项{n}件", "覆盖{n}个单位", "培训执法人员{n}人次", "审核各类文件{n}件",
           "发现问题{n}个并全部整改", "群众满意度达到{r}%", "办结率达到{r}%", "惠及群众{n}万人次")
TIMES = ("年内", "一季度", "上半年", "下半年", "全年", "年初以来")
KINDS = ("制度", "机制", "工作", "改革", "体系", "平台", "清单", "行动", "试点", "标准")
PROBLEMS = ("重视程度不够", "工作机制不够健全", "队伍专业化水平不高", "信息化应用不够充分", "统筹协调不够有力",
            "监督考核偏软", "基层力量薄弱", "宣传方式比较单一")
CAUSES = ("学法用法不够经常", "考核导向作用发挥不充分", "人员编制少、流动快", "经费保障不足", "部门协同机制缺位")
# Made-up words: the detail clause of each sentence draws four of them.
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
    "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
    "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信"
    "马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
    "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存"
    "候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
)
SYNONYMS = (("推进", "推动"), ("加强", "强化"), ("完善", "健全"), ("开展", "组织"), ("提升", "提高"),
            ("落实", "执行"), ("全面", "全力"), ("深入", "持续"))


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        words = {self.rng.choice(COMMON) + self.rng.choice(COMMON) for _ in range(900)}
        self.words = sorted(words)

    def place(self) -> str:
        return self.rng.choice(SYLLABLES) + self.rng.choice(SYLLABLES) + self.rng.choice("县区市")

    def issuer(self, place: str) -> str:
        return place + (self.rng.choice(DEPARTMENTS) if self.rng.random() < 0.3 else "人民政府")

    def detail(self, low: int = 3, high: int = 6) -> str:
        return "".join(self.rng.choice(self.words) for _ in range(self.rng.randint(low, high)))

    def subject(self) -> str:
        """A task: one of the trade's (行政复议体制改革) or a made-up one (…机制)."""
        r = self.rng
        return r.choice(OBJECTS) if r.random() < 0.3 else self.detail(2, 3) + r.choice(KINDS)

    def sentence(self, place: str) -> str:
        r = self.rng
        where = r.choice(PLACES).format(p=place[:-1], s=place[-1])
        result = r.choice(RESULTS).format(n=r.randint(3, 900), r=r.randint(80, 99))
        frames = (f"{r.choice(TIMES)}，{where}{r.choice(ACTIONS)}{self.subject()}，{self.detail()}，{result}。",
                  f"{r.choice(ACTIONS)}{self.subject()}，{r.choice(MEANS)}{self.detail()}，{result}。",
                  f"{self.detail()}，{where}{self.detail()}，{result}。",
                  f"围绕{self.subject()}{self.detail()}，{self.detail()}{r.choice(ACTIONS)}{self.subject()}。")
        return r.choice(frames)

    def report(self, issuer: str, place: str, year: int) -> str:
        r = self.rng
        numbers = "一二三四五六七八九十"
        lines = [issuer, f"关于{year}年度法治政府建设情况的报告", "", "市人民政府：",
                 f"{year}年，{place}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
                 f"扎实推进法治政府建设。现将有关情况报告如下。", "",
                 f"一、{year}年推进法治政府建设的主要举措和成效"]
        for k in range(r.randint(5, 8)):
            head = f"{r.choice(ACTIONS)}{self.subject()}"
            lines.append(f"（{numbers[k]}）{head}。" + "".join(self.sentence(place) for _ in range(r.randint(2, 4))))
        if r.random() > 0.1:
            lines.append(f"二、{year}年推进法治政府建设存在的不足和原因")
            problems = r.sample(PROBLEMS, 3)
            lines.append("".join(f"{numbers[k]}是{self.subject()}{p}，{self.detail()}有待加强。"
                                 for k, p in enumerate(problems)))
            lines.append(f"究其原因，主要是{r.choice(CAUSES)}，{self.detail()}，{r.choice(CAUSES)}。")
        if r.random() > 0.1:
            lines.append("三、党政主要负责人履行推进法治建设第一责任人职责情况")
            lines.append(f"{place[-1]}政府主要负责同志认真履行推进法治建设第一责任人职责，全年主持召开常务会议专题研究"
                         f"法治政府建设{r.randint(2, 9)}次，组织会前学法{r.randint(4, 15)}次，"
                         f"{self.detail()}。" + self.sentence(place))
        if r.random() > 0.05:
            lines.append(f"四、{year + 1}年工作安排")
            for k in range(r.randint(3, 5)):
                lines.append(f"（{numbers[k]}）{r.choice(ACTIONS)}{self.subject()}，{r.choice(MEANS)}，"
                             f"{self.detail()}。")
        lines += ["", issuer]
        if r.random() > 0.08:
            lines.append(f"{year + 1}年{r.randint(1, 3)}月{r.randint(1, 28)}日")
        return "\n".join(lines) + "\n"

    def near_copy(self, text: str, source_place: str, place: str, year_shift: int = 0, swaps: int = 4) -> str:
        """``text`` filed by another: its place, years and figures changed, a few words and clauses swapped."""
        r = self.rng
        text = text.replace(source_place, place).replace(source_place[:-1], place[:-1])
        text = re.sub(r"(20\d\d)(?=年)", lambda m: str(int(m.group(1)) + year_shift), text)
        # Figures change; dates (月/日) stay valid and rates stay rates.
        text = re.sub(r"(?<![\d年月])\d{1,3}(?![\d年月日%])", lambda m: str(r.randint(1, 99 * len(m.group(0)))), text)
        text = re.sub(r"(?<![\d.])\d{1,2}(?=%)", lambda m: str(r.randint(60, 99)), text)
        for old, new in r.sample(SYNONYMS, min(swaps, len(SYNONYMS))):
            spots = [m.start() for m in re.finditer(old, text)]
            for at in r.sample(spots, min(len(spots), 2)):
                text = text[:at] + new + text[at + len(old):]
        lines = text.split("\n")
        for k in r.sample(range(len(lines)), min(3, len(lines))):
            clauses = lines[k].split("，")
            if len(clauses) > 3:
                clauses[1], clauses[2] = clauses[2], clauses[1]
                lines[k] = "，".join(clauses)
        return "\n".join(lines)
