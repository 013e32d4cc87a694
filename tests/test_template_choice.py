"""Which template a report is judged against: who signs it and how it speaks of itself (reports written here)."""

from __future__ import annotations

import pytest

from tests.conftest import check

BODY = ("一、主要举措和成效\n全年审查规范性文件14件，办理行政复议案件23件，审结21件。\n"
        "二、存在的不足和原因\n一是2个单位未配备法制审核人员。究其原因，主要是编制紧张、人员流动大、培训不足。\n"
        "三、2026年工作安排\n6月底前完成规范性文件清理，培训执法人员不少于300人次。\n")


def report(issuer: str, opening: str) -> str:
    return f"{issuer}关于2025年度法治政府建设情况的报告\n{opening}\n{BODY}{issuer}\n2026年2月12日\n"


def test_a_provincial_department_calling_itself_ben_ting_and_speaking_of_the_province_is_a_department() -> None:
    # (本厅, never 我厅; 全省 many times over: the province it serves, not a government's own voice)
    opening = ("2025年，省水利厅推进全省水利法治建设，全省水行政执法案件办结率100%，全省河湖违法案件下降12%，"
               "全省取水许可全部网办，全省水利工程全部划界。以本厅为被申请人的行政复议案件6件，厅党组会议学法4次。")
    result = check(report("临岫省水利厅", opening))
    assert result.template == "dept-annual", result.template_reason


@pytest.mark.parametrize("issuer", ["栖霞湾经济技术开发区管理委员会", "松陵高新区管委会", "青石市工业园区管理委员会",
                                    "梅岭国家级旅游度假区管理委员会"])
def test_a_development_zones_management_committee_files_as_a_government(issuer: str) -> None:
    # (the government's 派出机构 over the zone: 委员会 in its name makes it no department)
    result = check(report(issuer, "2025年，管委会统筹推进园区法治建设，全区审查涉企合同41份。"))
    assert result.template == "gov-annual", result.template_reason
    assert "无法从报告判断" not in result.template_reason


def test_a_bureau_of_a_development_zone_is_a_department() -> None:
    result = check(report("栖霞湾经济技术开发区财政局", "2025年，我局深入推进依法理财。"))
    assert result.template == "dept-annual"


def test_the_whole_picture_quanju_is_no_bureau_in_a_report_its_governments_office_signs() -> None:
    # (摆在全局工作的重要位置: 全局 is the whole picture, not the whole bureau)
    # (受县人民政府委托: the office writes its government's report, in the county's voice)
    opening = ("2025年，县政府把法治政府建设摆在全局工作的重要位置，服务全局，全县审查规范性文件14件，"
               "县政府常务会议学法6次，全县行政复议案件23件，全县执法案卷评查210卷。受县人民政府委托，现将我县情况报告如下。")
    result = check(report("沅溪县人民政府办公室", opening))
    assert result.template == "gov-annual" and "全局" not in result.template_reason, result.template_reason


def test_a_party_committee_of_a_county_is_still_no_department() -> None:
    assert check(report("中共沅溪县委员会", "2025年，全县深入推进法治建设。")).template == "gov-annual"
