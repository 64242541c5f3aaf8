"""The QApplication: Chinese Qt dialogs, the bundled fonts, the application's name.

`make_app(argv)` returns the process's QApplication (creating it if needed) with:

* Qt's own Chinese translation (`qtbase_zh_CN.qm`), so QWizard and QMessageBox buttons read
  下一步/取消/完成/确定 rather than Next/Cancel/Finish/OK;
* the fonts bundled in `resources/fonts` registered, and the application font set to the bundled
  Song/Ming face with the HanaMin faces after it, so rare name characters (𠮷, 䶮 …) are drawn
  on any Windows PC instead of boxes;
* a point size that suits a 1366×768 screen.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

APP_NAME = "学籍桌面"
POINT_SIZE = 10
# The families after addApplicationFont (core.forms.fonts.FONT_CHAIN), in fallback order.
FALLBACK_FAMILIES = ("AR PL UMing CN", "HanaMinA", "HanaMinB")

_translators: list[QTranslator] = []  # kept alive for the life of the process
_loaded_fonts: list[str] = []


def _font_files() -> list[Path]:
    try:
        from ..core.forms.fonts import font_files
    except ImportError:  # the forms package not installed: use whatever the folder holds
        from ..paths import FONTS_DIR

        return sorted([*FONTS_DIR.glob("*.ttc"), *FONTS_DIR.glob("*.ttf")])
    return list(font_files())


def _family_chain() -> list[str]:
    try:
        from ..core.forms.fonts import font_specs

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
    """The application font: the bundled Ming face first, HanaMin A/B for rare characters."""
    known = set(QFontDatabase.families())
    chain = [f for f in _family_chain() if f in known]
    font = QFont()
    if chain:
        font.setFamilies(chain)
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
    load_fonts()
    app.setFont(ui_font())
    return app


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or []))
    return configure(app)
