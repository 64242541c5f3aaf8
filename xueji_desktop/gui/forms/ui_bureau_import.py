# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'bureau_import.ui'
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
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPlainTextEdit, QProgressBar, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

from xueji_desktop.gui.bureau.import_source import BatchSource

class Ui_ImportDialog(object):
    def setupUi(self, ImportDialog):
        if not ImportDialog.objectName():
            ImportDialog.setObjectName(u"ImportDialog")
        ImportDialog.resize(1200, 660)
        self.outer = QVBoxLayout(ImportDialog)
        self.outer.setObjectName(u"outer")
        self.top = QHBoxLayout()
        self.top.setObjectName(u"top")
        self.drives = BatchSource(ImportDialog)
        self.drives.setObjectName(u"drives")

        self.top.addWidget(self.drives)

        self.side = QVBoxLayout()
        self.side.setObjectName(u"side")
        self.side_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.side.addItem(self.side_gap)

        self.files_button = QPushButton(ImportDialog)
        self.files_button.setObjectName(u"files_button")

        self.side.addWidget(self.files_button)

        self.check_button = QPushButton(ImportDialog)
        self.check_button.setObjectName(u"check_button")

        self.side.addWidget(self.check_button)

        self.side.setStretch(0, 1)

        self.top.addLayout(self.side)

        self.top.setStretch(0, 1)

        self.outer.addLayout(self.top)

        self.source_label = QLabel(ImportDialog)
        self.source_label.setObjectName(u"source_label")
        self.source_label.setStyleSheet(u"color: #6b6b6b;")

        self.outer.addWidget(self.source_label)

        self.summary = QLabel(ImportDialog)
        self.summary.setObjectName(u"summary")
        font = QFont()
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)

        self.outer.addWidget(self.summary)

        self.split = QSplitter(ImportDialog)
        self.split.setObjectName(u"split")
        self.split.setOrientation(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.table = QTableWidget(self.split)
        if (self.table.columnCount() < 7):
            self.table.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.split.addWidget(self.table)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.verticalHeader().setVisible(False)
        self.receipts = QPlainTextEdit(self.split)
        self.receipts.setObjectName(u"receipts")
        self.receipts.setReadOnly(True)
        self.split.addWidget(self.receipts)

        self.outer.addWidget(self.split)

        self.progress = QProgressBar(ImportDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setMaximum(100)
        self.progress.setValue(0)

        self.outer.addWidget(self.progress)

        self.buttons = QDialogButtonBox(ImportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.outer.addWidget(self.buttons)

        self.outer.setStretch(3, 1)

        self.retranslateUi(ImportDialog)

        QMetaObject.connectSlotsByName(ImportDialog)
    # setupUi

    def retranslateUi(self, ImportDialog):
        ImportDialog.setWindowTitle(QCoreApplication.translate("ImportDialog", u"\u5bfc\u5165\u5b66\u6821\u6279\u6b21", None))
        self.files_button.setText(QCoreApplication.translate("ImportDialog", u"\u9009\u62e9\u6279\u6b21\u6587\u4ef6\u2026", None))
        self.check_button.setText(QCoreApplication.translate("ImportDialog", u"\u68c0\u67e5\u6279\u6b21\uff08\u9884\u6f14\uff09", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ImportDialog", u"\u5b66\u6821", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ImportDialog", u"\u6279\u6b21", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ImportDialog", u"\u65b0\u589e", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ImportDialog", u"\u91cd\u590d", None))
        ___qtablewidgetitem4 = self.table.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("ImportDialog", u"\u51b2\u7a81", None))
        ___qtablewidgetitem5 = self.table.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("ImportDialog", u"\u7ed3\u679c/\u539f\u56e0", None))
        ___qtablewidgetitem6 = self.table.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("ImportDialog", u"\u6587\u4ef6", None))
        self.receipts.setPlaceholderText(QCoreApplication.translate("ImportDialog", u"\u5bfc\u5165\u540e\uff0c\u8fd9\u91cc\u5217\u51fa\u6bcf\u4e00\u6279\u7684\u56de\u6267\u3002", None))
    # retranslateUi

