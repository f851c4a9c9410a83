import { label } from './format';

/** `<option>`s for API enum values, shown as words ("bank_transfer" → "Bank transfer"). */
export function LabelledOptions({ values }: { values: readonly string[] }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {label(value)}
    </option>
  ));
}
