/**
 * Small DOM stand-ins for @tarojs/components in jsdom component tests: the same
 * props our code uses, mapped to the elements the H5 build renders. The real
 * components are exercised by the build, simulate and browser tests.
 */
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };
type ValueEvent = (e: { detail: { value: string } }) => void;

function domProps({ className, onClick, style, children, ...rest }: Props) {
  const attributes: Record<string, unknown> = { className, onClick, style };
  for (const [key, value] of Object.entries(rest))
    if (
      key.startsWith('aria-') ||
      key.startsWith('data-') ||
      key === 'role' ||
      key === 'lang' ||
      key === 'tabIndex' ||
      key === 'onKeyDown'
    )
      attributes[key] = value;
  return { attributes, children };
}

/** Taro's input events carry the value in `detail`; blur and focus too. */
function valueEvents({
  onInput,
  onBlur,
  onFocus,
}: {
  onInput?: ValueEvent;
  onBlur?: ValueEvent;
  onFocus?: ValueEvent;
}) {
  return {
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
    onBlur: (e: { target: { value: string } }) => onBlur?.({ detail: { value: e.target.value } }),
    onFocus: (e: { target: { value: string } }) => onFocus?.({ detail: { value: e.target.value } }),
  };
}

export const View = (props: Props) => {
  const { attributes, children } = domProps(props);
  return createElement('div', attributes, children);
};
export const Text = (props: Props) => {
  const { attributes, children } = domProps(props);
  return createElement('span', attributes, children);
};
export const Button = (props: Props) => {
  const { attributes, children } = domProps(props);
  return createElement('button', { ...attributes, type: 'button' }, children);
};
// `type` goes to data-type: jsdom would empty an <input type="number"> holding '十', and the tests check what was typed.
export const Input = ({
  value,
  placeholder,
  onInput,
  onBlur,
  onFocus,
  type,
  disabled,
  ...props
}: Props & {
  value?: string;
  placeholder?: string;
  type?: string;
  disabled?: boolean;
  onInput?: ValueEvent;
  onBlur?: ValueEvent;
  onFocus?: ValueEvent;
}) => {
  const { attributes } = domProps(props);
  return createElement('input', {
    ...attributes,
    value,
    placeholder,
    disabled,
    'data-type': type,
    ...valueEvents({ onInput, onBlur, onFocus }),
  });
};
export const Textarea = ({
  value,
  placeholder,
  onInput,
  onBlur,
  onFocus,
  disabled,
  maxlength,
  ...props
}: Props & {
  value?: string;
  placeholder?: string;
  disabled?: boolean;
  maxlength?: number;
  onInput?: ValueEvent;
  onBlur?: ValueEvent;
  onFocus?: ValueEvent;
}) => {
  const { attributes } = domProps(props);
  return createElement('textarea', {
    ...attributes,
    value,
    placeholder,
    disabled,
    maxLength: maxlength,
    ...valueEvents({ onInput, onBlur, onFocus }),
  });
};
export const Image = (props: Props & { src?: string }) =>
  createElement('img', { src: props.src, className: props.className, alt: props['aria-label'] as string | undefined });

/**
 * Picker: its children are what the citizen taps; the stand-in adds the control the
 * platform would pop up (a date input, or a select of the range) carrying the
 * Picker's aria-label, so a test picks with fireEvent.change.
 */
export const Picker = ({
  mode = 'selector',
  range,
  rangeKey,
  value,
  start,
  end,
  onChange,
  disabled,
  children,
  ...props
}: Props & {
  mode?: string;
  range?: unknown[];
  rangeKey?: string;
  value?: string | number;
  start?: string;
  end?: string;
  disabled?: boolean;
  onChange?: (e: { detail: { value: string | number } }) => void;
}) => {
  const { attributes } = domProps(props);
  const label = attributes['aria-label'];
  delete attributes['aria-label'];
  const control =
    mode === 'date'
      ? createElement('input', {
          'aria-label': label,
          'data-picker': 'date',
          min: start,
          max: end,
          value: value ?? '',
          disabled,
          onChange: (e: { target: { value: string } }) => onChange?.({ detail: { value: e.target.value } }),
        })
      : createElement(
          'select',
          {
            'aria-label': label,
            'data-picker': 'selector',
            value: value === undefined || value === -1 ? '' : String(value),
            disabled,
            onChange: (e: { target: { value: string } }) => onChange?.({ detail: { value: Number(e.target.value) } }),
          },
          createElement('option', { value: '' }, ''),
          ...(range ?? []).map((item, i) =>
            createElement(
              'option',
              { key: i, value: String(i) },
              String(rangeKey ? (item as Record<string, unknown>)[rangeKey] : item),
            ),
          ),
        );
  return createElement('div', attributes, children, control);
};
