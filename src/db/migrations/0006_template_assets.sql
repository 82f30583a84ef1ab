-- A custom template's own images (a practice logo…), referenced from its HTML by name:
-- <img src="logo.png">. Names are plain file names ([A-Za-z0-9._-], no leading dot), never
-- paths; limits (2 MB each, 20 per template) are enforced by catalog/template_assets.
-- System templates have none.

CREATE TABLE template_assets (
    id {uuid} PRIMARY KEY,
    template_id {uuid} NOT NULL REFERENCES export_templates(id),
    name VARCHAR(100) NOT NULL,
    content_type VARCHAR(50) NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
    bytes {blob} NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT,
    created_at {timestamp} NOT NULL,
    UNIQUE (template_id, name)
);
