"""The colours deadlines and states are shown in, kept apart from the dialogs that use them so the
start-up screens (待办) need not import the case page and what it prints with."""

RED, AMBER, GREY, BLUE = "#c0392b", "#b9770e", "#6b6b6b", "#1f618d"
