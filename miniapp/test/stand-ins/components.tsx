/**
 * Small DOM stand-ins for @tarojs/components in jsdom component tests: the same
 * props our code uses, mapped to the elements the H5 build renders. The real
 * components are exercised by the build, simulate and browser tests.
 */
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

function domProps({ className, onClick, style, children, ...rest }: Props) {
  const attributes: Record<string, unknown> = { className, onClick, style };
  for (const [key, value] of Object.entries(rest)) if (key.startsWith('aria-') || key.startsWith('data-') || key === 'role') attributes[key] = value;
  return { attributes, children };
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
export const Input = ({ value, placeholder, onInput, ...props }: Props & { value?: string; placeholder?: string; onInput?: (e: { detail: { value: string } }) => void }) => {
  const { attributes } = domProps(props);
  return createElement('input', { ...attributes, value, placeholder, onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) });
};
export const Image = (props: Props & { src?: string }) => createElement('img', { src: props.src, className: props.className });
