"""The signature block (落款): who signed, when several organisations sign together."""

from __future__ import annotations

import pytest

from tests.conftest import check, element

BODY = ("示例县人民政府关于2025年度法治政府建设情况的报告\n"
        "一、主要举措和成效\n全县审查规范性文件12件，办理行政复议案件41件。\n"
        "二、存在的不足和原因\n一是3个乡镇未配备法制审核人员。究其原因，主要是编制紧张、人员流动大、培训不足。\n"
        "三、2026年工作安排\n6月底前完成规范性文件清理。\n")


@pytest.mark.parametrize("signature", ["中共示例县委\n示例县人民政府", "示例县人民政府\n中共示例县委",
                                       "中共示例县委 示例县人民政府"])
def test_a_joint_signature_names_every_signer_and_files_as_a_government(signature: str) -> None:
    result = check(BODY + signature + "\n2026年1月22日\n")
    names = signature.split()
    assert result.issuer == "、".join(names)
    assert result.template == "gov-annual"
    issuer = element(result, "meta.issuer")
    assert issuer.status == "present" and len(issuer.evidence) == len(signature.split("\n"))


def test_the_line_above_a_signature_that_is_no_name_is_left_out() -> None:
    # The last line of the body ends with an organisation word but is a sentence.
    result = check(BODY + "以上报告，请审阅。\n示例县人民政府\n2026年1月22日\n")
    assert result.issuer == "示例县人民政府"
    assert len(element(result, "meta.issuer").evidence) == 1


def test_two_departments_signing_together_are_both_named() -> None:
    text = BODY.replace("示例县人民政府关于", "示例县司法局关于") + "示例县司法局\n示例县公安局\n2026年1月22日\n"
    result = check(text)
    assert result.issuer == "示例县司法局、示例县公安局"
    assert result.template == "dept-annual"


@pytest.mark.parametrize("closing", ["（示例县人民政府  2026年1月22日）", "(示例县人民政府 2026年1月22日)",
                                     "示例县人民政府\n（2026年1月22日）"])
def test_a_signature_in_brackets_keeps_its_name_and_date(closing: str) -> None:
    # web copies put the signature, or its date, in brackets
    result = check(BODY + closing + "\n")
    assert result.issuer == "示例县人民政府"
    date = element(result, "meta.date")
    assert (date.status, date.value) == ("present", "2026-01-22")


def test_a_date_without_its_day_is_incomplete_not_missing() -> None:
    date = element(check(BODY + "示例县人民政府\n2026年1月\n"), "meta.date")
    assert date.status == "weak" and "不完整" in date.note


@pytest.mark.parametrize("signed", ["示例县人民政府\n2026年1月22日\n", "示例县人民政府\n"])
@pytest.mark.parametrize("imprint", ["抄送：市司法局。\n示例县人民政府办公室　　2026年1月24日印发\n",
                                     "示例县人民政府办公室　　2026年1月24日印发\n"])
def test_the_imprint_at_the_foot_names_neither_the_issuer_nor_the_date(signed: str, imprint: str) -> None:
    # the 版记: its office printed the report, its date is the printing's
    result = check(BODY + signed + imprint)
    assert result.issuer == "示例县人民政府"
    date = element(result, "meta.date")
    assert date.status == ("present" if "1月22日" in signed else "missing")
    assert "1月24日" not in (date.note or "")


def test_an_appendix_after_the_signature_mentions_no_content_and_numbers_its_own_headings() -> None:
    text = (BODY + "示例县人民政府\n2026年1月22日\n附件\n主要文件目录\n"
            "一、《示例县党政主要负责人履行推进法治建设第一责任人职责清单》\n三、2026年重点工作台账\n")
    result = check(text)
    assert element(result, "content.first-responsible").status == "missing"
    assert not [f for f in result.findings if f.rule == "structure.numbering"]


def test_the_party_committee_signing_alone_in_full_is_no_department() -> None:
    # 中共示例县委员会 is 县委 written out: the county's report, not a department's
    assert check(BODY + "中共示例县委员会\n2026年1月22日\n").template == "gov-annual"


@pytest.mark.parametrize(("said", "iso"), [("2026年3月26日", "2026-03-26"), ("二〇二六年三月二十六日", "2026-03-26")])
def test_a_speech_to_the_standing_committee_gives_its_speakers_government_and_meeting_date(said: str, iso: str) -> None:
    text = ("关于2025年度法治政府建设情况的报告\n"
            f"——{said}在示例县第十八届人民代表大会常务委员会第二十九次会议上\n"
            "示例县人民政府副县长　张华\n" + BODY.split("\n", 1)[1])
    result = check(text)
    issuer, signed = element(result, "meta.issuer"), element(result, "meta.date")
    assert (issuer.status, result.issuer) == ("weak", "示例县人民政府")
    assert signed.status == "weak" and said in (signed.note or "") and result.date == iso
    # the meeting is no filing: its date is not held against the 3月1日 deadline
    assert not [f for f in result.findings if f.rule.startswith("timing.deadline")]


@pytest.mark.parametrize("lines", [
    "临市监发〔2026〕3号临川市市场监督管理局\n关于2025年度法治政府建设情况的报告",  # its 文号 on the title's line
    "临川市市场监督管理局关于20\n25年度法治政府建设情况的报告",                  # a scan's line broken in the year
])
def test_a_title_is_read_without_its_doc_number_and_across_a_broken_year(lines: str) -> None:
    result = check(lines + "\n一、主要举措和成效\n全年办理行政处罚案件1284件。\n临川市市场监督管理局\n2026年2月10日\n")
    assert (result.title, result.year) == ("临川市市场监督管理局关于2025年度法治政府建设情况的报告", 2025)


@pytest.mark.parametrize("crumb", [
    "当前位置：首页 > 政务公开 > 法定主动公开内容 > 法治政府建设年度报告",
    "首页 » 信息公开 » 法治政府建设年度报告",
    "网站首页＞重点领域信息＞法治政府建设报告",
    "政务公开 › 年度报告 › 法治政府建设年度报告",
])
def test_a_web_pages_breadcrumb_is_never_the_title(crumb: str) -> None:
    # (the page's column names 法治政府建设……报告; the report's own title, with its year, comes later)
    text = ("梧岭区人民政府门户网站　　无障碍　　长者模式\n首页 | 政务公开 | 政务服务 | 互动交流\n" + crumb
            + "\n【字体：大 中 小】　打印\n发布时间：2026-03-18 09:12　信息来源：区司法局\n"
            "关于2025年度法治政府建设情况的报告\n今年以来，区政府统筹推进法治政府建设。\n" + BODY.split("\n", 1)[1])
    result = check(text)
    assert (result.title, result.year) == ("关于2025年度法治政府建设情况的报告", 2025)
    assert element(result, "meta.year").status == "present"


def test_a_tags_end_before_a_name_is_no_breadcrumb() -> None:
    # (</b>县人民政府 holds a > between two words; no crumb stands on either side of it)
    result = check("<b>沅溪</b>县人民政府\n关于2025年度法治政府建设情况的报告\n" + BODY.split("\n", 1)[1])
    assert result.title is not None and result.title.endswith("县人民政府关于2025年度法治政府建设情况的报告")
