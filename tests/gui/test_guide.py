"""The user's guide (docs/guide): its pages, images and links, the F1 map of wizard pages to its sections, and
F1 pressed on a real enrolment wizard page."""

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from xueji_desktop.core.region_profiles.profiles import BASE_ID, load_profile
from xueji_desktop.gui import page_help
from xueji_desktop.gui.help_dialog import INDEX, SAFETY_PAGE, contents, slug
from xueji_desktop.paths import GUIDE_DIR

PAGES = ("start.md", "roster.md", "enrolment.md", "info-change.md", "transfer.md", "suspension.md", "dropout.md",
         "death.md", "abroad.md", "withdrawal.md", "borrowed-study.md", "year-end.md", "skip-grade.md",
         "discipline.md", "certificates.md", "registers.md", "attendance.md", "exchange.md", "backup.md", "bureau.md",
         "high-school.md", "duplicates.md")
LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)\)")


def headings(path) -> set[str]:
    return {slug(line.lstrip("#")) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")}


def test_every_page_is_in_the_index_with_its_images_and_links_resolving():
    assert [page for _, page in contents()[1:-1]] == list(PAGES)
    for name in (INDEX, *PAGES):
        path = GUIDE_DIR / name
        text = path.read_text(encoding="utf-8")
        found = LINK.findall(text)
        assert any(bang for bang, _ in found) or name == INDEX, f"{name}: no screenshot"
        for bang, target in found:
            file, _, anchor = target.partition("#")
            resolved = (GUIDE_DIR / file).resolve() if file else path
            assert resolved.is_file(), f"{name}: {target}"
            if bang:
                assert resolved.parent == (GUIDE_DIR / "img").resolve() and resolved.stat().st_size <= 150_000, target
            elif anchor:
                assert anchor in headings(resolved), f"{name}: {target}"
    assert (GUIDE_DIR / "../../resources/help/safety.md").resolve() == SAFETY_PAGE.resolve()
    assert sum(p.stat().st_size for p in (GUIDE_DIR / "img").glob("*.png")) < 4_000_000


def test_every_f1_page_lands_on_a_heading_and_names_rules_that_exist():
    known = set(load_profile(BASE_ID).keys())
    for pid, (target, keys) in page_help.PAGES.items():
        file, _, anchor = target.partition("#")
        assert (GUIDE_DIR / file).is_file(), pid
        assert not anchor or anchor in headings(GUIDE_DIR / file), f"{pid}: {target}"
        for key in keys:
            assert key in known or (key.endswith(".*") and any(k.startswith(key[:-1]) for k in known)), f"{pid}: {key}"


def test_f1_on_the_enrolment_identity_page_opens_its_section_with_its_articles(app, ws, qtbot):
    from xueji_desktop.gui.enrol_wizard import EnrolWizard
    from xueji_desktop.store.models import Event, Student

    before = (Student.select().count(), Event.select().count())
    page_help.install(app)
    wizard = EnrolWizard(ws)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentPage().name == "identity"
    qtbot.keyPress(wizard.focusWidget() or wizard, Qt.Key.Key_F1)
    dialog = wizard.guide_dialog
    qtbot.waitExposed(dialog)
    assert dialog.page_id == "enrol.identity" and dialog.current == "enrolment.md#第二步身份信息"
    qtbot.waitUntil(lambda: dialog.heading_at_top() == "第二步：身份信息")  # scrolled there once laid out
    assert dialog.contents.currentItem().text() == "新生注册"
    articles = dialog.articles.toPlainText()
    for key in ("enrolment.duplicate_id", "enrolment.age_cutoff", "student_number.formal_prefix"):
        assert key in dialog.article_keys and ws.profile.rule(key).article in articles
    assert ws.profile.full_title in articles and "规定 → 本地区规定" in articles
    image = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("img/enrol-identity.png"))
    assert image is not None and not image.isNull()
    dialog._link(QUrl("transfer.md#情况确认"))  # a link to another page's section
    assert dialog.current == "transfer.md#情况确认" and dialog.heading_at_top() == "情况确认"
    dialog.back()
    assert dialog.current == "enrolment.md#第二步身份信息"
    assert wizard.isVisible() and wizard.currentPage().name == "identity"  # the wizard goes on where it was
    assert (Student.select().count(), Event.select().count()) == before


def test_the_window_opens_the_guide_on_f1_and_the_rules_on_shift_f1(window, qtbot):
    assert window.guide_action.shortcut().toString() == "F1"
    assert window.rules_action.shortcut().toString() == "Shift+F1"
    assert window.guide_action in window.findChild(type(window.menuBar().actions()[-1].menu()), "help_menu").actions()
    window.guide_action.trigger()
    dialog = window.guide_dialog
    qtbot.waitExposed(dialog)
    assert dialog.current == INDEX and "学籍桌面 使用说明" in dialog.browser.toPlainText()
    dialog.contents.setCurrentRow(dialog.contents.count() - 1)
    dialog.contents.itemActivated.emit(dialog.contents.currentItem())
    assert "本校数据库文件" in dialog.browser.toPlainText()  # the safety page, with the school's own folders


def test_every_wizard_page_and_change_kind_has_its_own_entry(app, ws, qtbot):
    from xueji_desktop.core.casework.cases import CaseKind
    from xueji_desktop.core.pupils.roster import roster_rows
    from xueji_desktop.gui import setup_wizard
    from xueji_desktop.gui.change_wizard import MENU as CHANGES
    from xueji_desktop.gui.dropout_list import MENU as DROPOUTS
    from xueji_desktop.gui.transfer_wizard import TransferWizard
    from xueji_desktop.gui.year_end_wizard import YearEndWizard

    kinds = [k for k, _ in CHANGES] + [CaseKind.KEY_INFO_CHANGE]
    assert all(page_help.lookup(f"change.{k.value}.ground")[0] == f"change.{k.value}" for k in kinds)
    assert all(page_help.lookup(f"dropout.{k.value}")[0] == f"dropout.{k.value}" for k, _ in DROPOUTS)
    assert all(page_help.lookup(f"step.{k.value}")[0] == f"step.{k.value}"
               for k in (*kinds, CaseKind.TRANSFER_IN, CaseKind.TRANSFER_OUT))
    pupil = next(r for r in roster_rows() if r.status == "enrolled")
    wizards = [TransferWizard(ws, "in"), TransferWizard(ws, "out", pupil.id), YearEndWizard(ws)]
    for wizard in wizards:
        qtbot.addWidget(wizard)
        ids = [page_help.page_id(wizard, wizard.page(n)) for n in wizard.pageIds()]
        assert len(set(ids)) == len(ids) and all(page_help.lookup(pid)[0] == pid for pid in ids), ids
    setup_pages = (setup_wizard.SchoolPage, setup_wizard.ClassesPage, setup_wizard.AccountPage, setup_wizard.ConfirmPage)
    assert all(f"setup.{page_help._PAGE_NAMES[page.__name__]}" in page_help.PAGES for page in setup_pages)
