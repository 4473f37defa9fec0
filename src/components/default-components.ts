/**
 * The default skin: one component per part of the page. A theme can replace any of them by
 * passing `components` to `<App>`; the renderer (src/renderer) stays the same.
 */
import type { ComponentType } from 'react';
import { CardHeader } from './card-header.tsx';
import type {
  ButtonProps,
  HeaderProps,
  ImageProps,
  InputProps,
  LayoutProps,
  LinkProps,
  ListProps,
  MessagesProps,
  PasskeyProps,
  TextProps,
} from './component-props.ts';
import { FormMessages } from './form-messages.tsx';
import { ImageBlock } from './image-block.tsx';
import { InputField } from './input-field.tsx';
import { ItemList } from './item-list.tsx';
import { Layout } from './layout.tsx';
import { NavLink } from './nav-link.tsx';
import { PasskeyButton } from './passkey-button.tsx';
import { SubmitButton } from './submit-button.tsx';
import { TextBlock } from './text-block.tsx';

/** Every part a theme can override. */
export interface PorticoComponents {
  Layout: ComponentType<LayoutProps>;
  Header: ComponentType<HeaderProps>;
  Messages: ComponentType<MessagesProps>;
  Input: ComponentType<InputProps>;
  Button: ComponentType<ButtonProps>;
  Text: ComponentType<TextProps>;
  Link: ComponentType<LinkProps>;
  List: ComponentType<ListProps>;
  Image: ComponentType<ImageProps>;
  Passkey: ComponentType<PasskeyProps>;
}

export const defaultComponents: PorticoComponents = {
  Layout,
  Header: CardHeader,
  Messages: FormMessages,
  Input: InputField,
  Button: SubmitButton,
  Text: TextBlock,
  Link: NavLink,
  List: ItemList,
  Image: ImageBlock,
  Passkey: PasskeyButton,
};
