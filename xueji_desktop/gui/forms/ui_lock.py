# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'lock.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QWidget)

class Ui_LockDialog(object):
    def setupUi(self, LockDialog):
        if not LockDialog.objectName():
            LockDialog.setObjectName(u"LockDialog")
        self.form = QFormLayout(LockDialog)
        self.form.setObjectName(u"form")
        self.message = QLabel(LockDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.message)

        self.password_label = QLabel(LockDialog)
        self.password_label.setObjectName(u"password_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(LockDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password)

        self.error = QLabel(LockDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(u"color: #c0392b;")

        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.error)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_row.addItem(self.spacer)

        self.quit_button = QPushButton(LockDialog)
        self.quit_button.setObjectName(u"quit_button")

        self.button_row.addWidget(self.quit_button)

        self.unlock_button = QPushButton(LockDialog)
        self.unlock_button.setObjectName(u"unlock_button")

        self.button_row.addWidget(self.unlock_button)


        self.form.setLayout(3, QFormLayout.ItemRole.SpanningRole, self.button_row)

#if QT_CONFIG(shortcut)
        self.password_label.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(LockDialog)

        self.unlock_button.setDefault(True)


        QMetaObject.connectSlotsByName(LockDialog)
    # setupUi

    def retranslateUi(self, LockDialog):
        LockDialog.setWindowTitle(QCoreApplication.translate("LockDialog", u"\u5b66\u7c4d\u684c\u9762 \u2014 \u5df2\u9501\u5b9a", None))
        self.message.setText("")
        self.password_label.setText(QCoreApplication.translate("LockDialog", u"\u5bc6\u7801", None))
        self.error.setText("")
        self.quit_button.setText(QCoreApplication.translate("LockDialog", u"\u9000\u51fa\u7a0b\u5e8f", None))
        self.unlock_button.setText(QCoreApplication.translate("LockDialog", u"\u89e3\u9501", None))
    # retranslateUi

