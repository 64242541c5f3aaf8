# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reply_import.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QProgressBar, QSizePolicy, QVBoxLayout, QWidget)

from xueji_desktop.gui.exchange_drives import ReplyDrives

class Ui_ReplyImportDialog(object):
    def setupUi(self, ReplyImportDialog):
        if not ReplyImportDialog.objectName():
            ReplyImportDialog.setObjectName(u"ReplyImportDialog")
        ReplyImportDialog.setMinimumSize(QSize(680, 0))
        self.reply_layout = QVBoxLayout(ReplyImportDialog)
        self.reply_layout.setObjectName(u"reply_layout")
        self.intro = QLabel(ReplyImportDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.reply_layout.addWidget(self.intro)

        self.drives = ReplyDrives(ReplyImportDialog)
        self.drives.setObjectName(u"drives")

        self.reply_layout.addWidget(self.drives)

        self.found_label = QLabel(ReplyImportDialog)
        self.found_label.setObjectName(u"found_label")
        self.found_label.setWordWrap(True)

        self.reply_layout.addWidget(self.found_label)

        self.password_row = QHBoxLayout()
        self.password_row.setObjectName(u"password_row")
        self.password_label = QLabel(ReplyImportDialog)
        self.password_label.setObjectName(u"password_label")

        self.password_row.addWidget(self.password_label)

        self.password = QLineEdit(ReplyImportDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.password_row.addWidget(self.password)

        self.password_row.setStretch(1, 1)

        self.reply_layout.addLayout(self.password_row)

        self.progress = QProgressBar(ReplyImportDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setValue(0)

        self.reply_layout.addWidget(self.progress)

        self.result_text = QPlainTextEdit(ReplyImportDialog)
        self.result_text.setObjectName(u"result_text")
        self.result_text.setMinimumSize(QSize(0, 160))
        self.result_text.setReadOnly(True)

        self.reply_layout.addWidget(self.result_text)

        self.buttons = QDialogButtonBox(ReplyImportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.reply_layout.addWidget(self.buttons)

        self.reply_layout.setStretch(5, 1)

        self.retranslateUi(ReplyImportDialog)

        QMetaObject.connectSlotsByName(ReplyImportDialog)
    # setupUi

    def retranslateUi(self, ReplyImportDialog):
        ReplyImportDialog.setWindowTitle(QCoreApplication.translate("ReplyImportDialog", u"\u5bfc\u5165\u6559\u80b2\u5c40\u56de\u6267", None))
        self.intro.setText(QCoreApplication.translate("ReplyImportDialog", u"\u6559\u80b2\u5c40\u7684\u56de\u6267\uff08\u6279\u6b21\u56de\u6267\u3001\u5ba1\u6279\u610f\u89c1\u3001\u8f6c\u5b66\u8bf7\u6c42\u3001\u8f6c\u6765\u7684\u5b66\u7c4d\u6863\u6848\uff09\u5728 U \u76d8\u7684 xueji \u6587\u4ef6\u5939\u91cc\uff0c\u6587\u4ef6\u540d\u4ee5 .xjr \u7ed3\u5c3e\u3002\u5bfc\u5165\u8fc7\u7684\u56de\u6267\u518d\u5bfc\u5165\u4e0d\u4f1a\u91cd\u590d\u5904\u7406\u3002", None))
        self.password_label.setText(QCoreApplication.translate("ReplyImportDialog", u"\u767b\u5f55\u5bc6\u7801\uff08\u89e3\u9501\u5b66\u6821\u79c1\u94a5\uff09\uff1a", None))
        self.result_text.setPlaceholderText(QCoreApplication.translate("ReplyImportDialog", u"\u5bfc\u5165\u7ed3\u679c\u4f1a\u663e\u793a\u5728\u8fd9\u91cc", None))
    # retranslateUi

