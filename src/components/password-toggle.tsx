/** Shows or hides the password. Rendered only after hydration: without JavaScript it would do nothing. */
import { useTranslation } from 'react-i18next';
import { EyeIcon, EyeOffIcon } from './icons.tsx';

export function PasswordToggle(props: { controls: string; revealed: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="portico-reveal"
      aria-controls={props.controls}
      aria-label={t(props.revealed ? 'button.hidePassword' : 'button.showPassword')}
      onClick={props.onToggle}
    >
      {props.revealed ? <EyeOffIcon /> : <EyeIcon />}
    </button>
  );
}
