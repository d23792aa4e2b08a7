"""The document model: what a rendered PFSA/PSA contains, independent of any file format.

A pure builder (builder.py) turns an assessment plus translated texts into a Document; the
renderers in bolvaerk.adapters.render turn one Document into DOCX, PDF, HTML, XLSX or a heat map.
No renderer reads the assessment.
"""
