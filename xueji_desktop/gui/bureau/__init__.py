"""Bureau mode (教育局端): the county bureau's window over the Qt-free services of `xueji_desktop.bureau`.

`window.BureauWindow` holds four tabs (全县概况, 待审批, 回执, 学校) and the import dialog
(`import_dialog.ImportDialog`); `window.run_bureau_window(target)` opens it for `xueji bureau window`.
"""
