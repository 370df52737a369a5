// Small browser helpers for the portal: theme persistence and clipboard.
window.portal = {
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
