# Words of the typeset documents (PDF).
documents-page = Page
