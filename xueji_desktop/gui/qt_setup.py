"""The QApplication: Chinese Qt dialogs, the bundled fonts, the application's name.

`make_app(argv)` returns the process's QApplication (creating it if needed) with:

* Qt's own Chinese translation (`qtbase_zh_CN.qm`), so QWizard and QMessageBox buttons read
  下一步/取消/完成/确定 rather than Next/Cancel/Finish/OK;
* the system's own UI font (Microsoft YaHei on a Chinese Windows), with the fonts bundled in
  `resources/fonts` after it in the application font's families, so rare name characters
  (𠮷, 䶮 …) are drawn on any PC instead of boxes;
* a point size that suits a 1366×768 screen.

The bundled files (52 MB) are not read at start: `ensure_fonts_for(text)` registers them the first
time a text holds a character the system fonts may lack (Ext-A, Ext-B…, compatibility ideographs);
a form's PDF takes them through reportlab on its own (core.forms.fonts).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

APP_NAME = "学籍桌面"
POINT_SIZE = 10
# The families after addApplicationFont (core.forms.font_files.FONT_CHAIN), in fallback order.
FALLBACK_FAMILIES = ("XJ UMing CN", "XJ Hanzi A", "XJ Hanzi B")
# System CJK UI faces tried before the bundled Ming faces, so ordinary Chinese text keeps the
# system's look (the first present is enough; the rest are for other systems).
SYSTEM_CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                       "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimSun")

_translators: list[QTranslator] = []  # kept alive for the life of the process
_loaded_fonts: list[str] = []


def _font_files() -> list[Path]:
    try:
        from ..core.forms.font_files import font_files
    except ImportError:  # the forms package not installed: use whatever the folder holds
        from ..paths import FONTS_DIR

        return sorted([*FONTS_DIR.glob("*.ttc"), *FONTS_DIR.glob("*.ttf")])
    return list(font_files())


def _family_chain() -> list[str]:
    try:
        from ..core.forms.font_files import font_specs

        return [spec.family for spec in font_specs()]
    except ImportError:
        return list(FALLBACK_FAMILIES)


def install_translations(app: QApplication) -> bool:
    if _translators:
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ok = False
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
            ok = True
            break
    if not ok:
        log.warning("Qt translation qtbase_zh_CN.qm not found in %s", folder)
    from .qt_chinese import Supplement  # what qtbase_zh_CN leaves in English (the file dialog's labels …)

    supplement = Supplement(app)
    app.installTranslator(supplement)
    _translators.append(supplement)
    return ok


def needs_bundled_fonts(text: str) -> bool:
    """Whether ``text`` holds a character that system fonts commonly lack: CJK Ext-A, the ideographs
    added after GBK (U+9FA6…), compatibility ideographs, anything beyond the BMP (Ext-B … 𠮷)."""
    for ch in text:
        cp = ord(ch)
        if cp >= 0x3400 and (cp <= 0x4DBF or 0x9FA6 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
                             or cp >= 0x10000):
            return True
    return False


def ensure_fonts_for(texts) -> bool:
    """Registers the bundled fonts if any of ``texts`` (a string or strings) needs them; True once they
    are registered. Cheap when nothing is rare: a scan of the text, no file read."""
    if _loaded_fonts:
        return True
    if isinstance(texts, str):
        texts = (texts,)
    if not any(needs_bundled_fonts(t) for t in texts if t):
        return False
    load_fonts()
    app = QApplication.instance()
    if app is not None:
        app.setFont(ui_font(app.font().pointSizeF()))
    return bool(_loaded_fonts)


def load_fonts() -> list[str]:
    """Registers the bundled fonts (once) and returns the families Qt now knows."""
    if _loaded_fonts:
        return list(_loaded_fonts)
    for path in _font_files():
        if not path.is_file():
            log.warning("bundled font missing: %s", path)
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load font %s", path)
            continue
        _loaded_fonts.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_loaded_fonts)


def ui_font(point_size: float = POINT_SIZE) -> QFont:
    """The application font: the system's UI face, then a system CJK face, then the bundled faces
    (the latter only once registered) for rare characters."""
    known = set(QFontDatabase.families())
    # the face the system's font resolves to ("Sans Serif" is only an alias, which a family list skips)
    default = QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)).family()
    system_cjk = [f for f in SYSTEM_CJK_FAMILIES if f in known][:1]
    chain = [default, *system_cjk, *(f for f in _family_chain() if f in known)]
    font = QFont()
    if len(chain) > 1:
        font.setFamilies(list(dict.fromkeys(chain)))
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    return font


def configure(app: QApplication) -> QApplication:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("xueji-desktop")
    install_translations(app)
    from .screen_fit import install as fit_windows

    fit_windows(app)  # no window larger than the screen at 125 %/150 % scaling
    from .keyboard import install_app as dialog_mnemonics

    dialog_mnemonics(app)  # every dialog's buttons get an Alt letter
    app.setFont(ui_font())
    from .font_size import apply_saved

    apply_saved(app)  # 设置 → 字号: this user's 大 or 特大
    return app


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or []))
    return configure(app)
