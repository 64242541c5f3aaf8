# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'restore_source.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QProgressBar,
    QPushButton, QRadioButton, QSizePolicy, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget, QWizardPage)

class Ui_RestoreSourcePage(object):
    def setupUi(self, RestoreSourcePage):
        if not RestoreSourcePage.objectName():
            RestoreSourcePage.setObjectName(u"RestoreSourcePage")
        self.source_layout = QVBoxLayout(RestoreSourcePage)
        self.source_layout.setObjectName(u"source_layout")
        self.from_folder = QRadioButton(RestoreSourcePage)
        self.from_folder.setObjectName(u"from_folder")
        self.from_folder.setChecked(True)

        self.source_layout.addWidget(self.from_folder)

        self.folder_note = QLabel(RestoreSourcePage)
        self.folder_note.setObjectName(u"folder_note")
        self.folder_note.setWordWrap(True)

        self.source_layout.addWidget(self.folder_note)

        self.backups_table = QTableWidget(RestoreSourcePage)
        if (self.backups_table.columnCount() < 4):
            self.backups_table.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.backups_table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.backups_table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.backups_table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.backups_table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.backups_table.setObjectName(u"backups_table")
        self.backups_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backups_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backups_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backups_table.setColumnCount(4)
        self.backups_table.horizontalHeader().setStretchLastSection(True)
        self.backups_table.verticalHeader().setVisible(False)

        self.source_layout.addWidget(self.backups_table)

        self.from_stick = QRadioButton(RestoreSourcePage)
        self.from_stick.setObjectName(u"from_stick")

        self.source_layout.addWidget(self.from_stick)

        self.stick_row = QHBoxLayout()
        self.stick_row.setObjectName(u"stick_row")
        self.sealed_choice = QComboBox(RestoreSourcePage)
        self.sealed_choice.setObjectName(u"sealed_choice")

        self.stick_row.addWidget(self.sealed_choice)

        self.rescan_button = QPushButton(RestoreSourcePage)
        self.rescan_button.setObjectName(u"rescan_button")

        self.stick_row.addWidget(self.rescan_button)

        self.pick_file_button = QPushButton(RestoreSourcePage)
        self.pick_file_button.setObjectName(u"pick_file_button")

        self.stick_row.addWidget(self.pick_file_button)

        self.stick_row.setStretch(0, 1)

        self.source_layout.addLayout(self.stick_row)

        self.passphrase_row = QHBoxLayout()
        self.passphrase_row.setObjectName(u"passphrase_row")
        self.passphrase_label = QLabel(RestoreSourcePage)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.passphrase_row.addWidget(self.passphrase_label)

        self.passphrase = QLineEdit(RestoreSourcePage)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphrase_row.addWidget(self.passphrase)

        self.passphrase_row.setStretch(1, 1)

        self.source_layout.addLayout(self.passphrase_row)

        self.open_progress = QProgressBar(RestoreSourcePage)
        self.open_progress.setObjectName(u"open_progress")
        self.open_progress.setValue(0)

        self.source_layout.addWidget(self.open_progress)

        self.problem = QLabel(RestoreSourcePage)
        self.problem.setObjectName(u"problem")
        self.problem.setWordWrap(True)

        self.source_layout.addWidget(self.problem)

        self.source_layout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.passphrase_label.setBuddy(self.passphrase)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RestoreSourcePage)

        QMetaObject.connectSlotsByName(RestoreSourcePage)
    # setupUi

    def retranslateUi(self, RestoreSourcePage):
        RestoreSourcePage.setTitle(QCoreApplication.translate("RestoreSourcePage", u"\u9009\u62e9\u5907\u4efd", None))
        RestoreSourcePage.setSubTitle(QCoreApplication.translate("RestoreSourcePage", u"\u4ece\u5907\u4efd\u6587\u4ef6\u5939\u4e2d\u9009\u4e00\u4efd\uff0c\u6216\u9009 U \u76d8\u4e0a\u7684\u52a0\u5bc6\u5907\u4efd\u5e76\u8f93\u5165\u5b83\u7684\u5bc6\u7801\u3002", None))
        self.from_folder.setText(QCoreApplication.translate("RestoreSourcePage", u"\u5907\u4efd\u6587\u4ef6\u5939\u4e2d\u7684\u5907\u4efd", None))
        ___qtablewidgetitem = self.backups_table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("RestoreSourcePage", u"\u5907\u4efd\u65f6\u95f4", None))
        ___qtablewidgetitem1 = self.backups_table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("RestoreSourcePage", u"\u7c7b\u578b", None))
        ___qtablewidgetitem2 = self.backups_table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("RestoreSourcePage", u"\u5b66\u6821\u4ee3\u7801", None))
        ___qtablewidgetitem3 = self.backups_table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("RestoreSourcePage", u"\u5927\u5c0f", None))
        self.from_stick.setText(QCoreApplication.translate("RestoreSourcePage", u"U \u76d8\u4e0a\u7684\u52a0\u5bc6\u5907\u4efd\uff08.xjenc\uff09", None))
        self.rescan_button.setText(QCoreApplication.translate("RestoreSourcePage", u"\u5237\u65b0", None))
#if QT_CONFIG(tooltip)
        self.rescan_button.setToolTip(QCoreApplication.translate("RestoreSourcePage", u"\u63d2\u5165 U \u76d8\u540e\u70b9\u8fd9\u91cc\uff0c\u91cd\u65b0\u67e5\u627e U \u76d8 xueji \u6587\u4ef6\u5939\u4e2d\u7684\u52a0\u5bc6\u5907\u4efd", None))
#endif // QT_CONFIG(tooltip)
        self.pick_file_button.setText(QCoreApplication.translate("RestoreSourcePage", u"\u9009\u62e9\u6587\u4ef6\u2026", None))
        self.passphrase_label.setText(QCoreApplication.translate("RestoreSourcePage", u"\u52a0\u5bc6\u5bc6\u7801\uff1a", None))
    # retranslateUi

