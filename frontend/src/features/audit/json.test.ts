import { describe, expect, it } from 'vitest';
import { diffJson, flattenJson, leafText, parseAuditJson, prettyJson } from './json';

describe('parseAuditJson / prettyJson', () => {
  it('treats null, "null" and "" as nothing', () => {
    for (const t of [null, undefined, '', 'null', ' null ']) {
      expect(parseAuditJson(t)).toBeUndefined();
      expect(prettyJson(t)).toBe('');
    }
  });

  it('indents JSON and leaves other text alone', () => {
    expect(prettyJson('{"Name":"市审批服务局","Aliases":["审批服务局"]}')).toBe('{\n  "Name": "市审批服务局",\n  "Aliases": [\n    "审批服务局"\n  ]\n}');
    expect(prettyJson('not json')).toBe('not json');
  });
});

describe('flattenJson', () => {
  it('names nested fields by path and keeps lists of plain values whole', () => {
    const m = flattenJson({ ID: 22, Unit: { Name: '昆都仑区' }, Roles: ['LEADER', 'ANALYST'], Extra: {} });
    expect([...m.keys()]).toEqual(['ID', 'Unit.Name', 'Roles', 'Extra']);
    expect(m.get('Roles')).toEqual(['LEADER', 'ANALYST']);
  });

  it('indexes lists of objects (several changes in one record)', () => {
    const m = flattenJson([{ type: 'scores', id: 1, value: { Points: '2.5' } }]);
    expect([...m.keys()]).toEqual(['[0].type', '[0].id', '[0].value.Points']);
  });
});

describe('diffJson', () => {
  it('marks changed, unchanged, added and removed fields', () => {
    const rows = diffJson('{"DisplayName":"临时","Roles":["LEADER"],"Enabled":true,"Old":1}', '{"DisplayName":"张三","Roles":["LEADER"],"Enabled":false,"New":2}');
    expect(rows).toEqual([
      { path: 'DisplayName', kind: 'changed', before: '临时', after: '张三' },
      { path: 'Roles', kind: 'same', before: ['LEADER'], after: ['LEADER'] },
      { path: 'Enabled', kind: 'changed', before: true, after: false },
      { path: 'Old', kind: 'removed', before: 1 },
      { path: 'New', kind: 'added', after: 2 },
    ]);
  });

  it('shows a creation as all added and a deletion as all removed', () => {
    expect(diffJson('null', '{"ID":22,"Username":"tmp"}').map((r) => r.kind)).toEqual(['added', 'added']);
    expect(diffJson('{"ID":22}', null).map((r) => r.kind)).toEqual(['removed']);
    expect(diffJson('null', 'null')).toEqual([]);
  });

  it('tells null from a missing field and a role list change from no change', () => {
    expect(diffJson('{"UnitID":null}', '{"UnitID":5}')[0]).toMatchObject({ kind: 'changed', before: null, after: 5 });
    expect(diffJson('{"Roles":["LEADER"]}', '{"Roles":["LEADER","ANALYST"]}')[0]!.kind).toBe('changed');
  });
});

describe('leafText', () => {
  it('shows strings bare and other values as JSON', () => {
    expect(leafText('张三')).toBe('张三');
    expect(leafText(null)).toBe('null');
    expect(leafText(['A', 'B'])).toBe('["A","B"]');
    expect(leafText(undefined)).toBe('');
  });
});
