import type { FamilyRelation, MyFamilyQuery } from '@citizen/shared';
import { t } from '../../preferences';

/**
 * Words of 家人代办, Chinese and English side by side: what a relation is to the
 * citizen, until when they may act, and why they may not act for someone.
 */
export type FamilyMember = MyFamilyQuery['myFamily'][number];

// Keyed by string: a relation the BFF adds later reads as 家人 until it has words here.
const RELATIONS: Record<string, readonly [string, string]> = {
  CHILD: ['子女', 'Child'],
  PARENT: ['父母', 'Parent'],
  SPOUSE: ['配偶', 'Spouse'],
  GUARDIAN: ['监护人', 'Guardian'],
  WARD: ['被监护人', 'Ward'],
  NAMED: ['指定的人', 'Named person'],
};

export function relationName(relation: FamilyRelation): string {
  return t(...(RELATIONS[relation] ?? ['家人', 'Family member']));
}

export function ageText(age: number): string {
  return t(`${age}岁`, age === 1 ? '1 year old' : `${age} years old`);
}

/**
 * The last day the right holds: the BFF names the first day it no longer does (the
 * 18th birthday, China time), and "until 2030-05-04" is what a person reads.
 */
export function lastDay(firstDayWithout: string): string {
  const day = new Date(`${firstDayWithout}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** Until when the citizen may act for a relation: a minor until their 18th birthday, an adult until their authorisation ends. */
export function actsUntilText(firstDayWithout: string, basis: string | null = 'GUARDIAN'): string {
  const day = lastDay(firstDayWithout);
  return basis === 'AUTHORISATION'
    ? t(`可代办至 ${day}（TA的授权）`, `Until ${day} (their authorisation)`)
    : t(`可代办至 ${day}（年满18周岁前）`, `Until ${day} (before they turn 18)`);
}

/** Why the citizen cannot act for this relation, in plain words. */
export function whyNot(member: FamilyMember): string {
  if (member.relation === 'CHILD' || member.relation === 'WARD') {
    return member.age >= 18
      ? t(
          '已年满18周岁，需由TA本人授权后才能代办',
          'They are 18 or older: they must authorise you before you can act for them',
        )
      : t(
          '登记信息暂不支持为TA代办，请到窗口办理',
          'The register does not let you act for them here; please ask at a service hall',
        );
  }
  if (member.relation === 'GUARDIAN')
    return t('TA是您的监护人，不能由您为TA办理', 'They are your guardian: you cannot act for them');
  return t('成年人需由本人授权后才能代办', 'An adult must authorise you before you can act for them');
}

/** The banner's words: 正在为 王* 办理. */
export function actingForText(maskedName: string): string {
  return t(`正在为 ${maskedName} 办理`, `Acting for ${maskedName}`);
}
