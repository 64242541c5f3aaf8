# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'restore_check.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QGroupBox, QLabel,
    QListWidget, QListWidgetItem, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget, QWizardPage)

class Ui_RestoreCheckPage(object):
    def setupUi(self, RestoreCheckPage):
        if not RestoreCheckPage.objectName():
            RestoreCheckPage.setObjectName(u"RestoreCheckPage")
        self.check_layout = QVBoxLayout(RestoreCheckPage)
        self.check_layout.setObjectName(u"check_layout")
        self.backup_box = QGroupBox(RestoreCheckPage)
        self.backup_box.setObjectName(u"backup_box")
        self.backup_box_layout = QVBoxLayout(self.backup_box)
        self.backup_box_layout.setObjectName(u"backup_box_layout")
        self.summary_text = QLabel(self.backup_box)
        self.summary_text.setObjectName(u"summary_text")
        self.summary_text.setWordWrap(True)
        self.summary_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backup_box_layout.addWidget(self.summary_text)


        self.check_layout.addWidget(self.backup_box)

        self.mismatch = QLabel(RestoreCheckPage)
        self.mismatch.setObjectName(u"mismatch")
        self.mismatch.setWordWrap(True)

        self.check_layout.addWidget(self.mismatch)

        self.lost_text = QLabel(RestoreCheckPage)
        self.lost_text.setObjectName(u"lost_text")
        self.lost_text.setWordWrap(True)

        self.check_layout.addWidget(self.lost_text)

        self.lost_list = QListWidget(RestoreCheckPage)
        self.lost_list.setObjectName(u"lost_list")

        self.check_layout.addWidget(self.lost_list)

        self.check_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.check_layout.addItem(self.check_spacer)

        self.kept_note = QLabel(RestoreCheckPage)
        self.kept_note.setObjectName(u"kept_note")
        self.kept_note.setWordWrap(True)

        self.check_layout.addWidget(self.kept_note)

        self.understood = QCheckBox(RestoreCheckPage)
        self.understood.setObjectName(u"understood")

        self.check_layout.addWidget(self.understood)

        self.check_layout.setStretch(3, 1)

        self.retranslateUi(RestoreCheckPage)

        QMetaObject.connectSlotsByName(RestoreCheckPage)
    # setupUi

    def retranslateUi(self, RestoreCheckPage):
        RestoreCheckPage.setTitle(QCoreApplication.translate("RestoreCheckPage", u"\u6838\u5bf9\u5907\u4efd", None))
        RestoreCheckPage.setSubTitle(QCoreApplication.translate("RestoreCheckPage", u"\u8bf7\u6838\u5bf9\u8fd9\u4efd\u5907\u4efd\u7684\u5185\u5bb9\uff0c\u4ee5\u53ca\u6062\u590d\u540e\u4f1a\u4e22\u5931\u54ea\u4e9b\u53d8\u52a8\u3002", None))
        self.backup_box.setTitle(QCoreApplication.translate("RestoreCheckPage", u"\u8fd9\u4efd\u5907\u4efd", None))
        self.kept_note.setText(QCoreApplication.translate("RestoreCheckPage", u"\u6062\u590d\u524d\uff0c\u5f53\u524d\u6570\u636e\u5e93\u4f1a\u5148\u5907\u4efd\u5230\u5907\u4efd\u6587\u4ef6\u5939\uff0c\u5e76\u539f\u6837\u53e6\u5b58\u5728\u6570\u636e\u5e93\u65c1\uff08\u6587\u4ef6\u540d\u542b replaced\uff09\uff0c\u9700\u8981\u65f6\u4ecd\u53ef\u627e\u56de\u3002", None))
        self.understood.setText(QCoreApplication.translate("RestoreCheckPage", u"\u6211\u5df2\u6838\u5bf9\uff1a\u7528\u8fd9\u4efd\u5907\u4efd\u66ff\u6362\u5f53\u524d\u6570\u636e\u5e93", None))
    # retranslateUi

