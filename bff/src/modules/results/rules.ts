/**
 * What each service gives the citizen when it completes. A licence goes into the
 * licence library (and so into the wallet, 我的证照); anything else is a signed PDF
 * (我的证明). A service not listed here gets an approval notice.
 */
export type ResultRule =
  | {
      kind: 'LICENCE';
      licenceKind: 'BUSINESS_LICENCE' | 'HK_MACAO_ENDORSEMENT';
      title: string;
      titleEn: string;
      validMonths: number | null;
    }
  | { kind: 'CERTIFICATE' | 'APPROVAL_NOTICE'; title: string; titleEn: string };

export const RESULT_RULES: Record<string, ResultRule> = {
  'individual-business-licence': {
    kind: 'LICENCE',
    licenceKind: 'BUSINESS_LICENCE',
    title: '营业执照（个体工商户）',
    titleEn: 'Business licence (individual business)',
    validMonths: null,
  },
  // A tourism endorsement is good for a year from issue.
  'hk-macao-endorsement': {
    kind: 'LICENCE',
    licenceKind: 'HK_MACAO_ENDORSEMENT',
    title: '往来港澳通行证签注',
    titleEn: 'HK and Macao permit endorsement',
    validMonths: 12,
  },
  'si-payment-record': {
    kind: 'CERTIFICATE',
    title: '社会保险参保缴费证明',
    titleEn: 'Social insurance payment certificate',
  },
};

export const DEFAULT_RESULT: ResultRule = {
  kind: 'APPROVAL_NOTICE',
  title: '准予许可决定书',
  titleEn: 'Notice of approval',
};

export const resultRule = (serviceId: string): ResultRule => RESULT_RULES[serviceId] ?? DEFAULT_RESULT;
