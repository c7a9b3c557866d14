import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Templates belong to a municipality, and are published either for the whole municipality
 * (`administration_id` NULL) or for one of its administrations. The key is unique per municipality.
 *
 * Existing templates were global: every municipality saw and used them. So that no municipality loses a
 * template it had, and no review points at another municipality's template:
 * - the original rows (same ids) go to the demo municipality (kommunkod 0581) if there is one, else to the
 *   municipality of the user who wrote the template's first version, else to the lowest kommunkod;
 * - every other municipality gets its own copy of the template and of all its versions (drafts stay
 *   drafts, published ones keep their publication time; a copy has no author, as its author belongs to
 *   another municipality), and its reviews are pointed at the copy of the version they used;
 * - all of them are for the whole municipality, as before.
 * With one municipality that is simply "everything is theirs"; with none, there is nothing to move.
 * The copies' new ids are unknown to phones that cached the old ones: such a phone's next review of the
 * old id is refused (NOT_FOUND on templateVersionId) and its next reference sync fetches the copy.
 */
export class TemplateOwnership1764200000000 implements MigrationInterface {
  name = 'TemplateOwnership1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE checklist_template DROP CONSTRAINT checklist_template_key_key;
      ALTER TABLE checklist_template ADD COLUMN municipality_id uuid REFERENCES municipality(id);
      ALTER TABLE checklist_template ADD COLUMN administration_id uuid;

      UPDATE checklist_template t SET municipality_id = coalesce(
        (SELECT id FROM municipality WHERE kommunkod = '0581'),
        (SELECT u.municipality_id FROM template_version v JOIN app_user u ON u.id = v.created_by
          WHERE v.template_id = t.id ORDER BY v.version LIMIT 1),
        (SELECT id FROM municipality ORDER BY kommunkod LIMIT 1));

      CREATE TEMP TABLE template_copy ON COMMIT DROP AS
        SELECT t.id AS original_id, m.id AS municipality_id, gen_random_uuid() AS id
        FROM checklist_template t JOIN municipality m ON m.id <> t.municipality_id;
      INSERT INTO checklist_template (id, municipality_id, key, title_sv, title_en, created_at)
        SELECT c.id, c.municipality_id, t.key, t.title_sv, t.title_en, t.created_at
        FROM template_copy c JOIN checklist_template t ON t.id = c.original_id;

      CREATE TEMP TABLE template_version_copy ON COMMIT DROP AS
        SELECT v.id AS original_id, c.municipality_id, c.id AS template_id, gen_random_uuid() AS id
        FROM template_version v JOIN template_copy c ON c.original_id = v.template_id;
      INSERT INTO template_version (id, template_id, version, status, definition, created_by, created_at, published_at)
        SELECT c.id, c.template_id, v.version, v.status, v.definition, NULL, v.created_at, v.published_at
        FROM template_version_copy c JOIN template_version v ON v.id = c.original_id;

      UPDATE review r SET template_version_id = c.id
        FROM care_recipient p, template_version_copy c
        WHERE p.id = r.recipient_id AND c.original_id = r.template_version_id AND c.municipality_id = p.municipality_id;
    `);
    // Only when templates exist without any municipality to own them; a clear stop beats a NOT NULL error.
    const [orphans] = (await q.query(`SELECT count(*)::int AS n FROM checklist_template WHERE municipality_id IS NULL`)) as Array<{ n: number }>;
    if ((orphans?.n ?? 0) > 0) throw new Error('Templates exist but no municipality does: create the municipality first, then migrate');
    await q.query(`
      ALTER TABLE checklist_template ALTER COLUMN municipality_id SET NOT NULL;
      ALTER TABLE checklist_template ADD CONSTRAINT checklist_template_municipality_key UNIQUE (municipality_id, key);
      -- An administration-wide template's administration is one of its own municipality's.
      ALTER TABLE administration ADD CONSTRAINT administration_id_municipality_key UNIQUE (id, municipality_id);
      ALTER TABLE checklist_template ADD CONSTRAINT checklist_template_administration_fkey
        FOREIGN KEY (administration_id, municipality_id) REFERENCES administration (id, municipality_id);
      CREATE INDEX checklist_template_administration_idx ON checklist_template (administration_id) WHERE administration_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Copies cannot be told apart from templates made later; going back keeps every row and fails if a
    // key is now used in two municipalities.
    await q.query(`
      ALTER TABLE checklist_template DROP CONSTRAINT checklist_template_administration_fkey;
      ALTER TABLE administration DROP CONSTRAINT administration_id_municipality_key;
      ALTER TABLE checklist_template DROP CONSTRAINT checklist_template_municipality_key;
      ALTER TABLE checklist_template DROP COLUMN administration_id, DROP COLUMN municipality_id;
      ALTER TABLE checklist_template ADD CONSTRAINT checklist_template_key_key UNIQUE (key);
    `);
  }
}
