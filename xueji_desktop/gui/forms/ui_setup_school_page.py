# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'setup_school_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QLabel, QLineEdit, QSizePolicy, QWidget,
    QWizardPage)

class Ui_SchoolPage(object):
    def setupUi(self, SchoolPage):
        if not SchoolPage.objectName():
            SchoolPage.setObjectName(u"SchoolPage")
        self.form = QFormLayout(SchoolPage)
        self.form.setObjectName(u"form")
        self.name_label = QLabel(SchoolPage)
        self.name_label.setObjectName(u"name_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name_edit = QLineEdit(SchoolPage)
        self.name_edit.setObjectName(u"name_edit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name_edit)

        self.code_label = QLabel(SchoolPage)
        self.code_label.setObjectName(u"code_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.code_label)

        self.code_edit = QLineEdit(SchoolPage)
        self.code_edit.setObjectName(u"code_edit")
        self.code_edit.setMaxLength(10)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.code_edit)

        self.area_label = QLabel(SchoolPage)
        self.area_label.setObjectName(u"area_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.area_label)

        self.phone_label = QLabel(SchoolPage)
        self.phone_label.setObjectName(u"phone_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone = QLineEdit(SchoolPage)
        self.phone.setObjectName(u"phone")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phone)

        self.kind_label = QLabel(SchoolPage)
        self.kind_label.setObjectName(u"kind_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.kind = QComboBox(SchoolPage)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.kind)

        self.ownership_label = QLabel(SchoolPage)
        self.ownership_label.setObjectName(u"ownership_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.ownership_label)

        self.ownership = QComboBox(SchoolPage)
        self.ownership.addItem("")
        self.ownership.addItem("")
        self.ownership.setObjectName(u"ownership")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.ownership)

        self.key_high_school = QCheckBox(SchoolPage)
        self.key_high_school.setObjectName(u"key_high_school")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.key_high_school)

        self.system_label = QLabel(SchoolPage)
        self.system_label.setObjectName(u"system_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.system_label)

        self.system = QComboBox(SchoolPage)
        self.system.setObjectName(u"system")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.system)

        self.profile_label = QLabel(SchoolPage)
        self.profile_label.setObjectName(u"profile_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.profile_label)

        self.profile = QComboBox(SchoolPage)
        self.profile.setObjectName(u"profile")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.profile)

        self.profile_note = QLabel(SchoolPage)
        self.profile_note.setObjectName(u"profile_note")
        self.profile_note.setStyleSheet(u"color: #555;")
        self.profile_note.setWordWrap(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.profile_note)

        self.errors = QLabel(SchoolPage)
        self.errors.setObjectName(u"errors")
        self.errors.setWordWrap(True)

        self.form.setWidget(10, QFormLayout.ItemRole.SpanningRole, self.errors)

#if QT_CONFIG(shortcut)
        self.name_label.setBuddy(self.name_edit)
        self.code_label.setBuddy(self.code_edit)
        self.phone_label.setBuddy(self.phone)
        self.kind_label.setBuddy(self.kind)
        self.ownership_label.setBuddy(self.ownership)
        self.system_label.setBuddy(self.system)
        self.profile_label.setBuddy(self.profile)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SchoolPage)

        QMetaObject.connectSlotsByName(SchoolPage)
    # setupUi

    def retranslateUi(self, SchoolPage):
        SchoolPage.setTitle(QCoreApplication.translate("SchoolPage", u"\u5b66\u6821\u4fe1\u606f", None))
        SchoolPage.setSubTitle(QCoreApplication.translate("SchoolPage", u"\u8bf7\u6309\u5b66\u6821\u7684\u529e\u5b66\u8bb8\u53ef\u548c\u6559\u80b2\u90e8\u5b66\u6821\u6807\u8bc6\u7801\u586b\u5199\u3002", None))
        self.name_label.setText(QCoreApplication.translate("SchoolPage", u"\u5b66\u6821\u540d\u79f0", None))
        self.code_label.setText(QCoreApplication.translate("SchoolPage", u"\u5b66\u6821\u6807\u8bc6\u7801", None))
        self.code_edit.setPlaceholderText(QCoreApplication.translate("SchoolPage", u"10 \u4f4d\u6570\u5b57", None))
        self.area_label.setText(QCoreApplication.translate("SchoolPage", u"\u6240\u5728\u53bf\uff08\u533a\uff09", None))
        self.phone_label.setText(QCoreApplication.translate("SchoolPage", u"\u8054\u7cfb\u7535\u8bdd", None))
        self.phone.setPlaceholderText(QCoreApplication.translate("SchoolPage", u"\u5b66\u6821\u529e\u516c\u7535\u8bdd\uff0c\u6253\u5370\u5728\u8f6c\u5b66\u8868\u4e0a\uff08\u9009\u586b\uff09", None))
        self.kind_label.setText(QCoreApplication.translate("SchoolPage", u"\u529e\u5b66\u7c7b\u578b", None))
        self.ownership_label.setText(QCoreApplication.translate("SchoolPage", u"\u529e\u5b66\u6027\u8d28", None))
        self.ownership.setItemText(0, QCoreApplication.translate("SchoolPage", u"\u516c\u529e", None))
        self.ownership.setItemText(1, QCoreApplication.translate("SchoolPage", u"\u6c11\u529e", None))

        self.key_high_school.setText(QCoreApplication.translate("SchoolPage", u"\u7701\u7ea7\u793a\u8303\u9ad8\u4e2d\uff08\u8f6c\u5b66\u89c4\u5b9a\u4e0d\u540c\uff09", None))
        self.system_label.setText(QCoreApplication.translate("SchoolPage", u"\u5b66\u5236", None))
        self.profile_label.setText(QCoreApplication.translate("SchoolPage", u"\u5730\u533a\u89c4\u5b9a", None))
    # retranslateUi

