import { consentFromBaiduForm } from '../baiduForm';

describe('reading Baidu’s answer to a subscription form', () => {
  it('is a consent only with a formId for the template', () => {
    expect(
      consentFromBaiduForm({ formId: 'bd-tmpl-application-9f2c', status: '', message: '' }, 'bd-tmpl-application'),
    ).toBe(true);
    // Several template-ids: formId is an object keyed by template-id.
    expect(
      consentFromBaiduForm({ formId: { 'bd-tmpl-application': 'f1', 'bd-tmpl-car-move': '' } }, 'bd-tmpl-application'),
    ).toBe(true);
    expect(
      consentFromBaiduForm({ formId: { 'bd-tmpl-application': 'f1', 'bd-tmpl-car-move': '' } }, 'bd-tmpl-car-move'),
    ).toBe(false);
    expect(consentFromBaiduForm({ formId: '' }, 'bd-tmpl-application')).toBe(false);
    expect(consentFromBaiduForm(undefined, 'bd-tmpl-application')).toBe(false);
  });

  it.each([500101, 500102, 500103, 500104, 500105, '500102'])(
    'is no consent for status %s, whatever else the event carries',
    (status) => {
      expect(
        consentFromBaiduForm({ formId: 'bd-tmpl-application-x', status, message: '用户拒绝' }, 'bd-tmpl-application'),
      ).toBe(false);
    },
  );
});
