# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'export.ui'
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
    QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QSizePolicy, QVBoxLayout, QWidget)

from xueji_desktop.gui.exchange_drives import ExportDrives

class Ui_ExportDialog(object):
    def setupUi(self, ExportDialog):
        if not ExportDialog.objectName():
            ExportDialog.setObjectName(u"ExportDialog")
        ExportDialog.setMinimumSize(QSize(640, 0))
        self.export_layout = QVBoxLayout(ExportDialog)
        self.export_layout.setObjectName(u"export_layout")
        self.drives = ExportDrives(ExportDialog)
        self.drives.setObjectName(u"drives")

        self.export_layout.addWidget(self.drives)

        self.pending_label = QLabel(ExportDialog)
        self.pending_label.setObjectName(u"pending_label")
        self.pending_label.setWordWrap(True)

        self.export_layout.addWidget(self.pending_label)

        self.password_row = QHBoxLayout()
        self.password_row.setObjectName(u"password_row")
        self.password_label = QLabel(ExportDialog)
        self.password_label.setObjectName(u"password_label")

        self.password_row.addWidget(self.password_label)

        self.password = QLineEdit(ExportDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.password_row.addWidget(self.password)

        self.password_row.setStretch(1, 1)

        self.export_layout.addLayout(self.password_row)

        self.progress = QProgressBar(ExportDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setValue(0)

        self.export_layout.addWidget(self.progress)

        self.result_label = QLabel(ExportDialog)
        self.result_label.setObjectName(u"result_label")
        font = QFont()
        font.setBold(True)
        self.result_label.setFont(font)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_layout.addWidget(self.result_label)

        self.buttons = QDialogButtonBox(ExportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.export_layout.addWidget(self.buttons)


        self.retranslateUi(ExportDialog)

        QMetaObject.connectSlotsByName(ExportDialog)
    # setupUi

    def retranslateUi(self, ExportDialog):
        ExportDialog.setWindowTitle(QCoreApplication.translate("ExportDialog", u"\u5bfc\u51fa\u53d8\u66f4\u6279\u6b21", None))
        self.password_label.setText(QCoreApplication.translate("ExportDialog", u"\u767b\u5f55\u5bc6\u7801\uff08\u89e3\u9501\u5b66\u6821\u79c1\u94a5\uff09\uff1a", None))
    # retranslateUi

