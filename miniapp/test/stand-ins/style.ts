// Stylesheets do nothing in jsdom component tests.
export default {};
