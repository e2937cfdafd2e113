import { useEffect, useState, type ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  BusArrivalsDocument,
  BusStopsDocument,
  BusinessLicencesDocument,
  DrivingRecordDocument,
  ExitEntryRecordDocument,
  MedicalInsuranceRecordDocument,
  MedicalVoucherDocument,
  ProvidentFundRecordDocument,
  QualificationsRecordDocument,
  RealEstateRecordDocument,
  SocialInsuranceRecordDocument,
  VaccinationsRecordDocument,
  type BusArrivalsQuery,
  type BusStopsQuery,
  type BusinessLicencesQuery,
  type MedicalVoucherMutation,
  type TypedDocumentString,
} from '@citizen/shared';
import { graphql, type ApiError } from '../../api/client';
import { authed } from '../identity/session';
import { AccessNeeded, isAccessError } from '../identity/access';
import { useT } from '../../preferences';
import { formatDateTime, formatDay } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { QrCode } from '../wallet/QrCode';
import { FineButton } from '../living-fees/FineButton';
import { useRecord } from './useRecord';
import { agencyDown, word, yuan, type RecordType } from './labels';

/** A card of label–value lines. */
function Card({
  title,
  lines,
  children,
  className = '',
}: {
  title: string;
  lines?: Array<[string, string | number | null | undefined]>;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <View className={`list__row records__card ${className}`}>
      <Text className='list__title'>{title}</Text>
      {(lines ?? [])
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([label, value]) => (
          <Text key={label} className='list__line'>
            {label}　{value}
          </Text>
        ))}
      {children}
    </View>
  );
}

/** The agency of this screen could not answer: said in words, with a retry. */
function Partial({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const tr = useT();
  return (
    <View className='state state--partial records__partial' role='alert'>
      <Text className='state__title'>{agencyDown(error.details?.agency, error.code === 'AGENCY_TIMEOUT')}</Text>
      <Text className='state__text'>
        {tr('其他信息不受影响，请稍后再试。', 'Everything else still works. Please try again later.')}
      </Text>
      <ActionButton className='state__retry' onClick={onRetry} label={tr('重试', 'Try again')} />
    </View>
  );
}

/**
 * Loading, access, error and partial states common to every personal record screen;
 * `render` draws the record once it came. `field` is the myRecords field this screen reads.
 */
function RecordScreen<T>({
  state,
  field,
  returnTo,
  render,
}: {
  state: {
    data: { myRecords: Record<string, unknown> } | null;
    errors: ApiError[];
    loading: boolean;
    reload: () => Promise<void>;
  };
  field: string;
  returnTo: string;
  render: (record: T) => ReactNode;
}) {
  const tr = useT();
  const { data, errors, loading, reload } = state;
  if (loading && !data && errors.length === 0) return <Loading />;
  if (!data) {
    const error = errors[0]!;
    if (isAccessError(error))
      return (
        <AccessNeeded
          error={error}
          what={tr('您的记录', 'your records')}
          returnTo={returnTo}
          onSignedIn={() => void reload()}
        />
      );
    return <ErrorState error={error} onRetry={() => void reload()} />;
  }
  const record = data.myRecords[field] as T | null;
  if (record === null) {
    const error = errors.find((e) => e.path?.[1] === field) ?? errors[0]!;
    return <Partial error={error} onRetry={() => void reload()} />;
  }
  return <>{render(record)}</>;
}

function ProvidentFund({ returnTo }: { returnTo: string }) {
  const tr = useT();
  const state = useRecord(ProvidentFundRecordDocument);
  type PF = NonNullable<NonNullable<typeof state.data>['myRecords']['providentFund']>;
  return (
    <RecordScreen<PF>
      state={state}
      field='providentFund'
      returnTo={returnTo}
      render={(pf) =>
        !pf.hasAccount ? (
          <Empty label={tr('未查询到您的公积金账户。', 'No provident fund account was found for you.')} />
        ) : (
          <>
            <Card title={tr('账户余额', 'Balance')} className='records__balance'>
              <Text className='records__amount'>{yuan(pf.balanceCents ?? 0)}</Text>
            </Card>
            <Card
              title={tr('公积金账户', 'Account')}
              lines={[
                [tr('账号', 'Account'), pf.accountNumberMasked],
                [tr('缴存单位', 'Employer'), pf.employer],
                [tr('状态', 'Status'), word(pf.status ?? '')],
                [tr('月缴存额', 'Monthly deposit'), yuan(pf.monthlyDepositCents ?? 0)],
                [tr('开户日期', 'Opened'), pf.openedOn ? formatDay(pf.openedOn) : null],
              ]}
            />
            {pf.loan ? (
              <Card
                title={tr('公积金贷款', 'Loan')}
                lines={[
                  [tr('贷款编号', 'Loan'), pf.loan.loanNumberMasked],
                  [tr('贷款金额', 'Principal'), yuan(pf.loan.principalCents)],
                  [tr('剩余本金', 'Remaining'), yuan(pf.loan.remainingCents)],
                  [tr('月还款额', 'Monthly payment'), yuan(pf.loan.monthlyPaymentCents)],
                  [tr('还款期限', 'Term'), `${formatDay(pf.loan.startedOn)} – ${formatDay(pf.loan.endsOn)}`],
                  [tr('状态', 'Status'), word(pf.loan.status)],
                ]}
              />
            ) : null}
            <Text className='records__heading'>{tr('近24个月缴存明细', 'Deposits, last 24 months')}</Text>
            {/* One row a month in one card: 24 months stay a screen or two, not 24 cards. */}
            {pf.deposits === null ? (
              <Text className='records__note'>{agencyDown('provident-fund')}</Text>
            ) : (
              <View className='list__row records__card records__months'>
                {pf.deposits!.items.map((d) => (
                  <View key={d.month} className='records__month'>
                    <Text className='records__month-name'>{d.month}</Text>
                    <Text className='records__month-amount'>{yuan(d.amountCents)}</Text>
                    <Text
                      className={`records__month-status${d.status === 'paid' ? '' : ' records__month-status--due'}`}
                    >
                      {word(d.status)}
                    </Text>
                  </View>
                ))}
              </View>
            )}
          </>
        )
      }
    />
  );
}

function SocialInsurance({ returnTo }: { returnTo: string }) {
  const tr = useT();
  const state = useRecord(SocialInsuranceRecordDocument);
  type SI = NonNullable<NonNullable<typeof state.data>['myRecords']['socialInsurance']>;
  return (
    <RecordScreen<SI>
      state={state}
      field='socialInsurance'
      returnTo={returnTo}
      render={(si) =>
        !si.insured ? (
          <Empty label={tr('未查询到您的参保记录。', 'No social insurance record was found for you.')} />
        ) : (
          <>
            <Card
              title={tr('参保信息', 'Insurance')}
              lines={[
                [tr('参保地', 'Insured in'), si.insuredCity],
                [tr('状态', 'Status'), word(si.status ?? '')],
                [tr('累计缴费', 'Paid for'), tr(`${si.cumulativeMonths} 个月`, `${si.cumulativeMonths} months`)],
                [tr('缴费基数', 'Base'), yuan(si.monthlyBaseCents ?? 0)],
                [tr('首次参保', 'Since'), si.firstPaidOn ? formatDay(si.firstPaidOn) : null],
              ]}
            />
            <Card
              title={tr('险种', 'Insurance types')}
              lines={si.types.map((x) => [
                word(x.type),
                `${word(x.status)} · ${tr(`${x.months} 个月`, `${x.months} months`)}`,
              ])}
            />
            {si.card ? (
              <Card
                title={tr('社会保障卡', 'Social security card')}
                lines={[
                  [tr('卡号', 'Card'), si.card.numberMasked],
                  [tr('状态', 'Status'), word(si.card.status)],
                  [tr('银行', 'Bank'), si.card.bank],
                ]}
              />
            ) : null}
            <Text className='records__heading'>{tr('近12个月缴费明细', 'Contributions, last 12 months')}</Text>
            {(si.contributions ?? [])
              .filter((c) => c.type === 'pension')
              .map((c) => {
                const month = (si.contributions ?? []).filter((x) => x.month === c.month);
                return (
                  <Card
                    key={c.month}
                    title={c.month}
                    className='records__line'
                    lines={month.map((x) => [
                      word(x.type),
                      `${yuan(x.personalCents)}（${tr('个人', 'personal')}）/ ${yuan(x.employerCents)}（${tr('单位', 'employer')}）`,
                    ])}
                  />
                );
              })}
          </>
        )
      }
    />
  );
}

function MedicalInsurance({ returnTo }: { returnTo: string }) {
  const tr = useT();
  const state = useRecord(MedicalInsuranceRecordDocument);
  const [voucher, setVoucher] = useState<MedicalVoucherMutation['medicalVoucher'] | null>(null);
  const [voucherError, setVoucherError] = useState<ApiError | null>(null);
  const show = async () => {
    const result = await authed(MedicalVoucherDocument, {});
    if (result.data) setVoucher(result.data.medicalVoucher);
    setVoucherError(result.data ? null : result.errors[0]!);
  };
  type MI = NonNullable<NonNullable<typeof state.data>['myRecords']['medicalInsurance']>;
  return (
    <RecordScreen<MI>
      state={state}
      field='medicalInsurance'
      returnTo={returnTo}
      render={(mi) =>
        !mi.member ? (
          <Empty label={tr('未查询到您的医保记录。', 'No medical insurance record was found for you.')} />
        ) : (
          <>
            <Card
              title={tr('医保电子凭证', 'Medical insurance e-voucher')}
              lines={[
                [tr('参保地', 'Insured in'), mi.insuredPlace],
                [tr('状态', 'Status'), word(mi.status ?? '')],
              ]}
            >
              {voucher ? (
                <View className='records__voucher'>
                  <QrCode text={voucher.code} label={tr('医保电子凭证二维码', 'E-voucher QR code')} />
                  <Text className='list__line'>
                    {tr(
                      `有效至 ${formatDateTime(voucher.expiresAt)}`,
                      `Valid until ${formatDateTime(voucher.expiresAt)}`,
                    )}
                  </Text>
                </View>
              ) : null}
              {voucherError ? (
                <Text className='records__note'>
                  {voucherError.code.startsWith('AGENCY_') ? agencyDown('medical-insurance') : voucherError.message}
                </Text>
              ) : null}
              <ActionButton
                className='secondary-button'
                label={voucher ? tr('刷新凭证', 'Refresh code') : tr('出示凭证', 'Show code')}
                onClick={() => void show()}
              />
            </Card>
            <Text className='records__heading'>{tr('报销进度', 'Reimbursement claims')}</Text>
            {mi.claims.length === 0 ? (
              <Empty label={tr('暂无报销记录。', 'No claims.')} />
            ) : (
              mi.claims.map((c) => (
                <Card
                  key={c.claimNumber}
                  title={c.hospital}
                  lines={[
                    [tr('单号', 'Claim'), c.claimNumber],
                    [tr('提交日期', 'Submitted'), formatDay(c.submittedOn)],
                    [tr('医疗费用', 'Total'), yuan(c.totalCents)],
                    [
                      tr('报销金额', 'Reimbursed'),
                      c.reimbursedCents === null || c.reimbursedCents === undefined ? null : yuan(c.reimbursedCents),
                    ],
                    [tr('进度', 'Stage'), word(c.stage)],
                  ]}
                />
              ))
            )}
          </>
        )
      }
    />
  );
}

function Driving({ returnTo }: { returnTo: string }) {
  const tr = useT();
  const state = useRecord(DrivingRecordDocument);
  type D = NonNullable<NonNullable<typeof state.data>['myRecords']['driving']>;
  return (
    <RecordScreen<D>
      state={state}
      field='driving'
      returnTo={returnTo}
      render={(d) => (
        <>
          {d.licence ? (
            <Card
              title={tr('驾驶证', 'Driving licence')}
              lines={[
                [tr('准驾车型', 'Class'), d.licence.drivingClass],
                [
                  tr('剩余记分', 'Points left'),
                  tr(`${d.licence.pointsLeft} 分（满分12分）`, `${d.licence.pointsLeft} of 12`),
                ],
                [tr('记分周期截止', 'Cycle ends'), formatDay(d.licence.cycleEndsOn)],
                [tr('有效期至', 'Valid until'), formatDay(d.licence.validUntil)],
                [tr('状态', 'Status'), word(d.licence.status)],
              ]}
            />
          ) : (
            <Empty label={tr('未查询到您的驾驶证。', 'No driving licence was found for you.')} />
          )}
          <Text className='records__heading'>{tr('我的车辆', 'My vehicles')}</Text>
          {d.vehicles.length === 0 ? (
            <Empty label={tr('名下暂无机动车。', 'No vehicle is registered to you.')} />
          ) : (
            d.vehicles.map((v) => (
              <Card
                key={v.plateMasked + v.brand}
                title={`${v.plateMasked} ${v.brand}`}
                lines={[
                  [tr('车辆类型', 'Type'), v.vehicleType],
                  [tr('检验有效期', 'Inspection due'), formatDay(v.inspectionDue)],
                  [tr('保险到期', 'Insurance due'), formatDay(v.insuranceDue)],
                  [tr('状态', 'Status'), word(v.status)],
                ]}
              />
            ))
          )}
          <Text className='records__heading'>{tr('交通违法', 'Traffic violations')}</Text>
          {d.violations.length === 0 ? (
            <Empty label={tr('暂无交通违法记录。', 'No traffic violations.')} />
          ) : (
            d.violations.map((v) => (
              <Card
                key={v.id}
                title={v.act}
                className={v.handled ? '' : 'records__card--open'}
                lines={[
                  [tr('时间', 'When'), formatDateTime(v.at)],
                  [tr('地点', 'Where'), v.place],
                  [tr('车辆', 'Vehicle'), v.plateMasked],
                  [tr('罚款', 'Fine'), yuan(v.fineCents)],
                  [tr('记分', 'Points'), String(v.points)],
                  [tr('状态', 'Status'), v.handled ? tr('已处理', 'Handled') : tr('未处理', 'Not handled')],
                ]}
              >
                <FineButton violation={v} />
              </Card>
            ))
          )}
        </>
      )}
    />
  );
}

/** The list screens: one card per item of the list `myRecords[field]` the document reads. */
function ListRecord<TResult extends { myRecords: object }, TVariables, K extends keyof TResult['myRecords'] & string>({
  returnTo,
  field,
  document,
  empty,
  card,
}: {
  returnTo: string;
  field: K;
  document: TypedDocumentString<TResult, TVariables>;
  empty: string;
  card: (item: ListItem<TResult['myRecords'][K]>, i: number) => ReactNode;
}) {
  const state = useRecord(document) as unknown as Parameters<typeof RecordScreen>[0]['state'];
  return (
    <RecordScreen<Array<ListItem<TResult['myRecords'][K]>>>
      state={state}
      field={field}
      returnTo={returnTo}
      render={(list) => (list.length === 0 ? <Empty label={empty} /> : <>{list.map(card)}</>)}
    />
  );
}

type ListItem<L> = L extends ReadonlyArray<infer I> ? I : never;

function BusinessLookup() {
  const tr = useT();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{
    list: BusinessLicencesQuery['businessLicences'] | null;
    error: ApiError | null;
  } | null>(null);
  const search = async () => {
    if (query.trim().length < 2) return;
    const answer = await authed(BusinessLicencesDocument, { query: query.trim() });
    setResult({ list: answer.data?.businessLicences ?? null, error: answer.data ? null : answer.errors[0]! });
  };
  return (
    <>
      <Input
        className='records__search'
        value={query}
        placeholder={tr('统一社会信用代码或名称', 'Credit code or name')}
        aria-label={tr('统一社会信用代码或名称', 'Credit code or name')}
        onInput={(e) => setQuery(e.detail.value)}
      />
      <ActionButton className='primary-button' label={tr('查询', 'Search')} onClick={() => void search()} />
      {result?.error ? (
        isAccessError(result.error) ? (
          <AccessNeeded
            error={result.error}
            what={tr('营业执照查询', 'the business register')}
            returnTo='/pages/records/index?type=business'
            onSignedIn={() => void search()}
          />
        ) : (
          <Partial error={result.error} onRetry={() => void search()} />
        )
      ) : null}
      {result?.list?.length === 0 ? <Empty label={tr('没有找到相符的企业。', 'No business matches.')} /> : null}
      {(result?.list ?? []).map((b) => (
        <Card
          key={b.creditCode}
          title={b.name}
          lines={[
            [tr('统一社会信用代码', 'Credit code'), b.creditCode],
            [tr('法定代表人', 'Representative'), b.legalRepresentativeMasked],
            [tr('类型', 'Type'), b.type],
            [tr('状态', 'Status'), word(b.status)],
            [tr('经营范围', 'Scope'), b.scope],
            [tr('成立日期', 'Registered'), formatDay(b.registeredOn)],
          ]}
        />
      ))}
    </>
  );
}

function Bus() {
  const tr = useT();
  const [query, setQuery] = useState('');
  const [stops, setStops] = useState<BusStopsQuery['busStops'] | null>(null);
  const [arrivals, setArrivals] = useState<BusArrivalsQuery['busArrivals'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Public: no sign-in needed, so the plain client is used.
  const search = async (q: string) => {
    const answer = await graphql(BusStopsDocument, { query: q });
    setStops(answer.data?.busStops ?? null);
    setError(answer.data ? null : answer.errors[0]!);
  };
  const open = async (stopId: string) => {
    const answer = await graphql(BusArrivalsDocument, { stopId });
    setArrivals(answer.data?.busArrivals ?? null);
    setError(answer.data ? null : answer.errors[0]!);
  };
  useEffect(() => {
    void search('');
  }, []);
  return (
    <>
      <Input
        className='records__search'
        value={query}
        placeholder={tr('站点名称', 'Stop name')}
        aria-label={tr('站点名称', 'Stop name')}
        onInput={(e) => setQuery(e.detail.value)}
      />
      <ActionButton
        className='primary-button'
        label={tr('查询站点', 'Find stops')}
        onClick={() => void search(query.trim())}
      />
      {error ? (
        <Partial
          error={{ ...error, details: { ...error.details, agency: 'transit' } }}
          onRetry={() => void search(query.trim())}
        />
      ) : null}
      {arrivals ? (
        <Card
          title={tr(`${arrivals.stop.name} 站`, `${arrivals.stop.name} stop`)}
          className='records__arrivals'
          lines={arrivals.arrivals.map((a) => [
            a.route,
            tr(`${a.minutes} 分钟后到站 · 还有 ${a.stopsAway} 站`, `in ${a.minutes} min · ${a.stopsAway} stops away`),
          ])}
        />
      ) : null}
      {stops === null && !error ? <Loading /> : null}
      {stops?.length === 0 ? <Empty label={tr('没有找到站点。', 'No stop found.')} /> : null}
      {(stops ?? []).map((s) => (
        <View
          key={s.id}
          className='list__row records__stop'
          role='button'
          aria-label={s.name}
          onClick={() => void open(s.id)}
        >
          <Text className='list__title'>{s.name}</Text>
          <Text className='list__line'>{s.routes.join('、')}</Text>
        </View>
      ))}
    </>
  );
}

/** One records screen by type (the tiles' `type` parameter). */
export function RecordsView({ type }: { type: RecordType }) {
  const tr = useT();
  const returnTo = `/pages/records/index?type=${type}`;
  switch (type) {
    case 'providentFund':
      return <ProvidentFund returnTo={returnTo} />;
    case 'socialInsurance':
      return <SocialInsurance returnTo={returnTo} />;
    case 'medicalInsurance':
      return <MedicalInsurance returnTo={returnTo} />;
    case 'driving':
      return <Driving returnTo={returnTo} />;
    case 'exitEntry':
      return (
        <ListRecord
          returnTo={returnTo}
          field='exitEntry'
          document={ExitEntryRecordDocument}
          empty={tr('暂无出入境证件申请。', 'No exit-entry applications.')}
          card={(a) => (
            <Card
              key={a.applicationNumber}
              title={word(a.kind)}
              lines={[
                [tr('受理编号', 'Number'), a.applicationNumber],
                [tr('办理进度', 'Stage'), word(a.stage)],
                [tr('申请日期', 'Applied'), formatDay(a.submittedOn)],
                [tr('更新日期', 'Updated'), formatDay(a.updatedOn)],
              ]}
            />
          )}
        />
      );
    case 'qualifications':
      return (
        <ListRecord
          returnTo={returnTo}
          field='qualifications'
          document={QualificationsRecordDocument}
          empty={tr('暂无职业资格证书。', 'No qualification certificates.')}
          card={(c) => (
            <Card
              key={c.certificateNumberMasked}
              title={c.name}
              lines={[
                [tr('等级', 'Level'), c.level],
                [tr('证书编号', 'Number'), c.certificateNumberMasked],
                [tr('发证机关', 'Issuer'), c.issuer],
                [tr('发证日期', 'Issued'), formatDay(c.issuedOn)],
              ]}
            />
          )}
        />
      );
    case 'realEstate':
      return (
        <ListRecord
          returnTo={returnTo}
          field='realEstate'
          document={RealEstateRecordDocument}
          empty={tr('暂无不动产登记。', 'No property registrations.')}
          card={(p) => (
            <Card
              key={p.certificateNumberMasked}
              title={p.addressMasked}
              lines={[
                [tr('不动产权证号', 'Certificate'), p.certificateNumberMasked],
                [tr('面积', 'Area'), tr(`${p.areaSqm} 平方米`, `${p.areaSqm} m²`)],
                [tr('用途', 'Use'), p.use],
                [tr('共有情况', 'Ownership'), p.share],
                [tr('登记日期', 'Registered'), formatDay(p.registeredOn)],
              ]}
            />
          )}
        />
      );
    case 'vaccinations':
      return (
        <ListRecord
          returnTo={returnTo}
          field='vaccinations'
          document={VaccinationsRecordDocument}
          empty={tr('暂无接种记录。', 'No vaccinations on record.')}
          card={(v, i) => (
            <Card
              key={`${v.vaccine}-${v.dose}-${i}`}
              title={`${v.vaccine} ${tr(`第${v.dose}剂`, `dose ${v.dose}`)}`}
              lines={[
                [tr('接种日期', 'Date'), formatDay(v.date)],
                [tr('接种单位', 'Where'), v.site],
              ]}
            />
          )}
        />
      );
    case 'business':
      return <BusinessLookup />;
    case 'bus':
      return <Bus />;
  }
}
