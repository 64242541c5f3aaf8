# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'purpose.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_PurposeDialog(object):
    def setupUi(self, PurposeDialog):
        if not PurposeDialog.objectName():
            PurposeDialog.setObjectName(u"PurposeDialog")
        PurposeDialog.resize(520, 420)
        PurposeDialog.setMinimumSize(QSize(480, 0))
        self.main_layout = QVBoxLayout(PurposeDialog)
        self.main_layout.setSpacing(8)
        self.main_layout.setObjectName(u"main_layout")
        self.question = QLabel(PurposeDialog)
        self.question.setObjectName(u"question")
        self.question.setStyleSheet(u"font-weight: bold;")
        self.question.setWordWrap(True)

        self.main_layout.addWidget(self.question)

        self.article_label = QLabel(PurposeDialog)
        self.article_label.setObjectName(u"article_label")
        self.article_label.setStyleSheet(u"color: #555;")
        self.article_label.setWordWrap(True)

        self.main_layout.addWidget(self.article_label)

        self.purpose_list = QListWidget(PurposeDialog)
        self.purpose_list.setObjectName(u"purpose_list")
        self.purpose_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.main_layout.addWidget(self.purpose_list)

        self.other_row = QHBoxLayout()
        self.other_row.setObjectName(u"other_row")
        self.other_label = QLabel(PurposeDialog)
        self.other_label.setObjectName(u"other_label")

        self.other_row.addWidget(self.other_label)

        self.other_text = QLineEdit(PurposeDialog)
        self.other_text.setObjectName(u"other_text")
        self.other_text.setEnabled(False)
        self.other_text.setMaxLength(100)

        self.other_row.addWidget(self.other_text)


        self.main_layout.addLayout(self.other_row)

        self.hint = QLabel(PurposeDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setStyleSheet(u"color: #1f4e79;")
        self.hint.setWordWrap(True)

        self.main_layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(PurposeDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.other_label.setBuddy(self.other_text)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PurposeDialog)

        QMetaObject.connectSlotsByName(PurposeDialog)
    # setupUi

    def retranslateUi(self, PurposeDialog):
        PurposeDialog.setWindowTitle(QCoreApplication.translate("PurposeDialog", u"\u7528\u9014", None))
#if QT_CONFIG(accessibility)
        self.purpose_list.setAccessibleName(QCoreApplication.translate("PurposeDialog", u"\u7528\u9014", None))
#endif // QT_CONFIG(accessibility)
        self.other_label.setText(QCoreApplication.translate("PurposeDialog", u"\u5176\u4ed6\u7528\u9014", None))
        self.other_text.setPlaceholderText(QCoreApplication.translate("PurposeDialog", u"\u9009\u201c\u5176\u4ed6\u201d\u540e\u586b\u5199\uff0c\u5982\uff1a\u6d3e\u51fa\u6240\u6237\u7c4d\u6838\u5bf9", None))
#if QT_CONFIG(accessibility)
        self.other_text.setAccessibleName(QCoreApplication.translate("PurposeDialog", u"\u5176\u4ed6\u7528\u9014", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

