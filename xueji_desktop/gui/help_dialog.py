"""帮助 → 使用说明: the user's guide (docs/guide/*.md) in a browser with its contents on the left, links
between pages and to a page's section, the screenshots beside the text; and the page on keeping records
safe (resources/help/safety.md, this school's own folders filled in). Opened from a wizard by F1
(gui.page_help), it starts at that page's section and lists above it the articles the page applies."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..paths import GUIDE_DIR, RESOURCES

SAFETY_PAGE = RESOURCES / "help" / "safety.md"
SAFETY = "safety"  # the safety page's name among the guide's pages
INDEX = "README.md"
IMAGE_WIDTH = 760  # screenshots wider than this are shown scaled down to it
_LINK = re.compile(r"\[([^\]]+)\]\(([\w.-]+\.md)\)")


def safety_text(ws) -> str:
    text = SAFETY_PAGE.read_text(encoding="utf-8")
    if ws is None:  # a restore at start: no school open
        return text.format(folder="（见 文件 → 备份与恢复）", database="（未打开）", idle="10 分钟")
    from ..core.backups.service import backup_folder
    from ..core.school.users import idle_lock_minutes

    minutes = idle_lock_minutes()
    return text.format(folder=backup_folder(ws), database=ws.path, idle=f"{minutes} 分钟" if minutes else "（已设为不锁定）")


def slug(heading: str) -> str:
    """A heading's anchor, as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def contents() -> list[tuple[str, str]]:
    """(title, page) in the order of the guide's index, the index first and the safety page last."""
    pages = [("目录", INDEX)]
    for line in (GUIDE_DIR / INDEX).read_text(encoding="utf-8").splitlines():
        for title, page in _LINK.findall(line):
            if (title, page) not in pages:
                pages.append((title, page))
    return pages + [("账号、查询登记与备份", SAFETY)]


def page_text(page: str, ws=None) -> str:
    return safety_text(ws) if page == SAFETY else (GUIDE_DIR / page).read_text(encoding="utf-8")


def _articles_html(profile, keys: list[str]) -> str:
    from ..core.overview.rules_overview import FORCE_LABELS

    rows = []
    for key in keys:
        rule = profile.rule(key)
        says = rule.quote or rule.note or key
        force = FORCE_LABELS.get(rule.force, "")
        rows.append(f"<tr><td style='padding-right:10px; white-space:nowrap'><b>{escape(rule.article)}</b></td>"
                    f"<td>{escape(says)}{('　<i>' + escape(force) + '</i>') if force else ''}</td></tr>")
    head = (f"<p><b>这一步适用的规定</b>（{escape(profile.full_title)}）　全部条款见菜单 <b>规定 → 本地区规定</b></p>")
    if not rows:
        return head + "<p>这一步不涉及本地区规定的具体条款。</p>"
    return head + "<table cellspacing='2'>" + "".join(rows) + "</table>"


class GuideDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None, page: str = INDEX, articles=None):
        """`page`: "enrolment.md", "enrolment.md#第二步身份信息" or SAFETY; `articles`: (profile, rule keys)."""
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("帮助 — 使用说明")
        self.current: str | None = None
        self.history: list[str] = []
        self.pages = contents()
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        for title, name in self.pages:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.contents.addItem(item)
        self.contents.itemActivated.connect(lambda item: self.open(item.data(Qt.ItemDataRole.UserRole)))
        self.contents.itemClicked.connect(lambda item: self.open(item.data(Qt.ItemDataRole.UserRole)))
        self.articles = QTextBrowser()
        self.articles.setObjectName("guide_articles")
        self.articles.setMaximumHeight(190)
        self.articles.setVisible(articles is not None)
        if articles is not None:
            self.articles.setHtml(_articles_html(*articles))
        self.article_keys = list(articles[1]) if articles is not None else []
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_browser")
        self.browser.setOpenLinks(False)
        self.browser.setSearchPaths([str(GUIDE_DIR)])
        self.browser.anchorClicked.connect(self._link)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.articles)
        column.addWidget(self.browser, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(right)
        splitter.setSizes([250, 790])
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.back_button = buttons.addButton("后退", QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button.setToolTip("回到上一页（Alt+←）")
        self.back_button.clicked.connect(self.back)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.back)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1080, 700)
        self.open(page)

    def open(self, target: str, remember: bool = True) -> None:
        page, _, anchor = target.partition("#")
        page = page or (self.current or INDEX)
        if remember and self.current is not None:
            self.history.append(self.current)
        self.back_button.setEnabled(bool(self.history))
        if page != (self.current or "").partition("#")[0]:
            self.browser.setMarkdown(page_text(page, self.ws))
            self._name_headings()
        self.current = f"{page}#{anchor}" if anchor else page
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == page:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def showEvent(self, event) -> None:
        """Laid out at its real size only now: the section opened before is scrolled to again."""
        super().showEvent(event)
        QTimer.singleShot(0, self._rescroll)

    def _rescroll(self) -> None:
        anchor = (self.current or "").partition("#")[2]
        if anchor:
            self.browser.scrollToAnchor(anchor)

    def back(self) -> None:
        if self.history:
            self.open(self.history.pop(), remember=False)
            self.back_button.setEnabled(bool(self.history))

    def anchors(self) -> list[str]:
        """The anchors of the page shown: one per heading."""
        return list(self._headings)

    def heading_at_top(self) -> str:
        """The heading of the section the browser shows at its top (for checks)."""
        top = self.browser.cursorForPosition(self.browser.viewport().rect().topLeft()).block()
        while top.isValid() and top.blockFormat().headingLevel() == 0:
            top = top.previous()
        return top.text() if top.isValid() else ""

    def _name_headings(self) -> None:
        """Each heading becomes an anchor named by its slug, so links to page.md#slug land on it; a screenshot
        wider than the page is shown scaled to its width."""
        self._headings: list[str] = []
        block = self.browser.document().begin()
        while block.isValid():
            self._fit_images(block)
            if block.blockFormat().headingLevel() > 0 and block.text().strip():
                name = slug(block.text())
                self._headings.append(name)
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                fmt = QTextCharFormat()
                fmt.setAnchor(True)
                fmt.setAnchorNames([name])
                cursor.mergeCharFormat(fmt)
            block = block.next()

    def _fit_images(self, block) -> None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                size = QImage(str(GUIDE_DIR / image.name())).size()
                if size.width() > IMAGE_WIDTH:
                    image.setWidth(IMAGE_WIDTH)
                    image.setHeight(size.height() * IMAGE_WIDTH / size.width())
                    cursor = QTextCursor(self.browser.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
            it += 1

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        if not url.path():  # #anchor on the same page
            self.open(f"{(self.current or INDEX).partition('#')[0]}#{url.fragment()}")
            return
        current = (self.current or INDEX).partition("#")[0]
        base = SAFETY_PAGE.parent if current == SAFETY else GUIDE_DIR
        target = (base / url.path()).resolve()
        if target == SAFETY_PAGE.resolve():
            page = SAFETY
        elif target.parent == GUIDE_DIR.resolve() and target.suffix == ".md" and target.exists():
            page = target.name
        else:
            return
        self.open(f"{page}#{url.fragment()}" if url.fragment() else page)


class HelpDialog(GuideDialog):
    """帮助 → 账号、查询登记与备份: the guide opened at the safety page."""

    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(ws, parent, page=SAFETY)
        self.setWindowTitle("帮助 — 账号、查询登记与备份")


def open_guide(window, page: str = INDEX) -> GuideDialog:
    """帮助 → 使用说明 (F1 in the main window): not modal, so the guide stays open beside the window."""
    dialog = getattr(window, "guide_dialog", None)
    if dialog is not None and dialog.isVisible():
        dialog.open(page)
        dialog.raise_()
        dialog.activateWindow()
        return dialog
    dialog = GuideDialog(window.ws, window, page=page)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: setattr(window, "guide_dialog", None))
    window.guide_dialog = dialog
    dialog.show()
    return dialog

