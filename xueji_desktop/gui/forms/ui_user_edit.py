# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_edit.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QSizePolicy, QWidget)

class Ui_UserEditDialog(object):
    def setupUi(self, UserEditDialog):
        if not UserEditDialog.objectName():
            UserEditDialog.setObjectName(u"UserEditDialog")
        UserEditDialog.resize(520, 560)
        self.form = QFormLayout(UserEditDialog)
        self.form.setObjectName(u"form")
        self.username_label = QLabel(UserEditDialog)
        self.username_label.setObjectName(u"username_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username = QLineEdit(UserEditDialog)
        self.username.setObjectName(u"username")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username)

        self.name_label = QLabel(UserEditDialog)
        self.name_label.setObjectName(u"name_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.display_name = QLineEdit(UserEditDialog)
        self.display_name.setObjectName(u"display_name")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.display_name)

        self.roles_box = QGroupBox(UserEditDialog)
        self.roles_box.setObjectName(u"roles_box")
        self.roles_grid = QGridLayout(self.roles_box)
        self.roles_grid.setObjectName(u"roles_grid")
        self.role_admin = QCheckBox(self.roles_box)
        self.role_admin.setObjectName(u"role_admin")

        self.roles_grid.addWidget(self.role_admin, 0, 0, 1, 1)

        self.role_registrar = QCheckBox(self.roles_box)
        self.role_registrar.setObjectName(u"role_registrar")

        self.roles_grid.addWidget(self.role_registrar, 0, 1, 1, 1)

        self.role_approver = QCheckBox(self.roles_box)
        self.role_approver.setObjectName(u"role_approver")

        self.roles_grid.addWidget(self.role_approver, 1, 0, 1, 1)

        self.role_class_teacher = QCheckBox(self.roles_box)
        self.role_class_teacher.setObjectName(u"role_class_teacher")

        self.roles_grid.addWidget(self.role_class_teacher, 1, 1, 1, 1)

        self.role_viewer = QCheckBox(self.roles_box)
        self.role_viewer.setObjectName(u"role_viewer")

        self.roles_grid.addWidget(self.role_viewer, 2, 0, 1, 1)

        self.role_auditor = QCheckBox(self.roles_box)
        self.role_auditor.setObjectName(u"role_auditor")

        self.roles_grid.addWidget(self.role_auditor, 2, 1, 1, 1)


        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.roles_box)

        self.duties = QLabel(UserEditDialog)
        self.duties.setObjectName(u"duties")
        self.duties.setWordWrap(True)
        self.duties.setStyleSheet(u"color: #555;")

        self.form.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.duties)

        self.classes_label = QLabel(UserEditDialog)
        self.classes_label.setObjectName(u"classes_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.classes_label)

        self.classes = QListWidget(UserEditDialog)
        self.classes.setObjectName(u"classes")
        self.classes.setMaximumHeight(130)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.classes)

        self.first_label = QLabel(UserEditDialog)
        self.first_label.setObjectName(u"first_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.first_label)

        self.first_password = QLineEdit(UserEditDialog)
        self.first_password.setObjectName(u"first_password")
        self.first_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.first_password)

        self.again_label = QLabel(UserEditDialog)
        self.again_label.setObjectName(u"again_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.again_label)

        self.first_again = QLineEdit(UserEditDialog)
        self.first_again.setObjectName(u"first_again")
        self.first_again.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.first_again)

        self.admin_label = QLabel(UserEditDialog)
        self.admin_label.setObjectName(u"admin_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.admin_label)

        self.admin_password = QLineEdit(UserEditDialog)
        self.admin_password.setObjectName(u"admin_password")
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.admin_password)

        self.error = QLabel(UserEditDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(u"color: #c0392b;")

        self.form.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.error)

        self.buttons = QDialogButtonBox(UserEditDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.form.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.username_label.setBuddy(self.username)
        self.name_label.setBuddy(self.display_name)
        self.classes_label.setBuddy(self.classes)
        self.first_label.setBuddy(self.first_password)
        self.again_label.setBuddy(self.first_again)
        self.admin_label.setBuddy(self.admin_password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserEditDialog)

        QMetaObject.connectSlotsByName(UserEditDialog)
    # setupUi

    def retranslateUi(self, UserEditDialog):
        UserEditDialog.setWindowTitle(QCoreApplication.translate("UserEditDialog", u"\u7528\u6237\u8d26\u53f7", None))
        self.username_label.setText(QCoreApplication.translate("UserEditDialog", u"\u767b\u5f55\u540d", None))
        self.username.setPlaceholderText(QCoreApplication.translate("UserEditDialog", u"2\u201320 \u4f4d\u6c49\u5b57\u3001\u5b57\u6bcd\u3001\u6570\u5b57\u6216\u4e0b\u5212\u7ebf", None))
        self.name_label.setText(QCoreApplication.translate("UserEditDialog", u"\u59d3\u540d", None))
        self.display_name.setPlaceholderText(QCoreApplication.translate("UserEditDialog", u"\u53d8\u66f4\u8bb0\u5f55\u548c\u8868\u518c\u4e0a\u7f72\u8fd9\u4e2a\u540d\u5b57", None))
        self.roles_box.setTitle(QCoreApplication.translate("UserEditDialog", u"\u89d2\u8272", None))
        self.role_admin.setText(QCoreApplication.translate("UserEditDialog", u"\u7ba1\u7406\u5458", None))
        self.role_registrar.setText(QCoreApplication.translate("UserEditDialog", u"\u5b66\u7c4d\u7ba1\u7406\u5458", None))
        self.role_approver.setText(QCoreApplication.translate("UserEditDialog", u"\u5ba1\u6279\u4eba/\u6821\u957f", None))
        self.role_class_teacher.setText(QCoreApplication.translate("UserEditDialog", u"\u73ed\u4e3b\u4efb", None))
        self.role_viewer.setText(QCoreApplication.translate("UserEditDialog", u"\u67e5\u8be2", None))
        self.role_auditor.setText(QCoreApplication.translate("UserEditDialog", u"\u5ba1\u8ba1", None))
        self.duties.setText("")
        self.classes_label.setText(QCoreApplication.translate("UserEditDialog", u"\u6240\u5e26\u73ed\u7ea7", None))
        self.first_label.setText(QCoreApplication.translate("UserEditDialog", u"\u521d\u59cb\u5bc6\u7801", None))
        self.first_password.setPlaceholderText(QCoreApplication.translate("UserEditDialog", u"\u81f3\u5c11 8 \u4f4d\uff1b\u9996\u6b21\u767b\u5f55\u987b\u4fee\u6539", None))
        self.again_label.setText(QCoreApplication.translate("UserEditDialog", u"\u518d\u8f93\u5165\u4e00\u6b21", None))
        self.admin_label.setText(QCoreApplication.translate("UserEditDialog", u"\u60a8\u7684\u5bc6\u7801", None))
        self.admin_password.setPlaceholderText(QCoreApplication.translate("UserEditDialog", u"\u5b66\u7c4d\u7ba1\u7406\u5458\u987b\u7528\u5b66\u6821\u5bc6\u94a5\uff1a\u8f93\u5165\u60a8\u7684\u5bc6\u7801\u4e3a\u5176\u5f00\u901a", None))
        self.error.setText("")
    # retranslateUi

