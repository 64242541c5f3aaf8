# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'login.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QWidget)

class Ui_LoginDialog(object):
    def setupUi(self, LoginDialog):
        if not LoginDialog.objectName():
            LoginDialog.setObjectName(u"LoginDialog")
        self.form = QFormLayout(LoginDialog)
        self.form.setObjectName(u"form")
        self.title = QLabel(LoginDialog)
        self.title.setObjectName(u"title")

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.title)

        self.hint = QLabel(LoginDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setStyleSheet(u"color: #1f618d;")

        self.form.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.hint)

        self.username_label = QLabel(LoginDialog)
        self.username_label.setObjectName(u"username_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username = QLineEdit(LoginDialog)
        self.username.setObjectName(u"username")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.username)

        self.password_label = QLabel(LoginDialog)
        self.password_label.setObjectName(u"password_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(LoginDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.password)

        self.error = QLabel(LoginDialog)
        self.error.setObjectName(u"error")
        self.error.setStyleSheet(u"color: #c0392b;")

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.error)

        self.buttons = QDialogButtonBox(LoginDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(LoginDialog)

        QMetaObject.connectSlotsByName(LoginDialog)
    # setupUi

    def retranslateUi(self, LoginDialog):
        LoginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"\u5b66\u7c4d\u684c\u9762 \u2014 \u767b\u5f55", None))
        self.username_label.setText(QCoreApplication.translate("LoginDialog", u"\u767b\u5f55\u540d", None))
        self.password_label.setText(QCoreApplication.translate("LoginDialog", u"\u5bc6\u7801", None))
    # retranslateUi

