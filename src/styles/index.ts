/** The login page's stylesheets, in cascade order: the page and the designer's preview load the same. */
import './tokens.css';
import './base.css';
import './card.css';
import './fields.css';
import './buttons.css';
import './messages.css';
import './layouts.css';
import './language.css';
