// Small browser helpers for the portal: theme persistence and clipboard.
window.portal = {
    // Called once the interactive circuit is up: tests and styles can rely on html[data-interactive].
    markInteractive: () => document.documentElement.setAttribute("data-interactive", "true"),
    getTheme: () => localStorage.getItem("apexagent.theme"),
    setTheme: (theme) => localStorage.setItem("apexagent.theme", theme),
    copy: async (text) => {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    }
};
