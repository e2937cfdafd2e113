import { Input, Text, Textarea, View } from '@tarojs/components';

/** A labelled one-line input of the console; `name` becomes its class, for tests and styles. */
export function TextIn({
  label,
  value,
  onChange,
  name,
  disabled,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  name: string;
  disabled?: boolean;
  placeholder?: string;
}) {
  return (
    <View className='svc-in'>
      <Text className='label'>{label}</Text>
      {/* Taro's H5 input keeps aria-label on its wrapper, not on the <input>: the placeholder is what names the box itself. */}
      <Input
        className={`input ${name}`}
        value={value}
        disabled={disabled}
        placeholder={placeholder ?? label}
        aria-label={label}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

/** A labelled multi-line input (guide texts run to paragraphs). */
export function LongIn({
  label,
  value,
  onChange,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  name: string;
}) {
  return (
    <View className='svc-in svc-in--long'>
      <Text className='label'>{label}</Text>
      <Textarea
        className={`input ${name}`}
        value={value}
        placeholder={label}
        aria-label={label}
        autoHeight
        maxlength={2000}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

/** A number input: empty means "not set" (undefined), so an optional rule can be cleared. */
export function NumberIn({
  label,
  value,
  onChange,
  name,
}: {
  label: string;
  value: number | null | undefined;
  onChange: (value: number | undefined) => void;
  name: string;
}) {
  return (
    <TextIn
      label={label}
      name={name}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(text) => onChange(text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text))}
    />
  );
}

/** One choice among options, as toggle chips (the console's pattern), each named "group option" for screen readers. */
export function Chips<T extends string | number>({
  options,
  selected,
  onToggle,
  group,
}: {
  options: Array<[T, string]>;
  selected: (value: T) => boolean;
  onToggle: (value: T) => void;
  group: string;
}) {
  return (
    <View className='row' role='group' aria-label={group}>
      {options.map(([value, label]) => (
        <View
          key={String(value)}
          className={`chip${selected(value) ? ' chip--on' : ''}`}
          role='button'
          aria-pressed={selected(value)}
          aria-label={`${group} ${label}`}
          onClick={() => onToggle(value)}
        >
          <Text>
            {selected(value) ? '✓ ' : ''}
            {label}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** A console button (a named role=button, as the other console pages draw them). */
export function Btn({
  label,
  onClick,
  kind,
  name,
}: {
  label: string;
  onClick: () => void;
  kind?: 'ghost' | 'danger';
  name?: string;
}) {
  return (
    <View
      className={`btn${kind ? ` btn--${kind}` : ''}${name ? ` ${name}` : ''}`}
      role='button'
      aria-label={label}
      onClick={onClick}
    >
      <Text>{label}</Text>
    </View>
  );
}
