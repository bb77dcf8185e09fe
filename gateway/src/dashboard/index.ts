export { DASHBOARD_PATH, isDashboardPath, serveDashboard } from './dashboard-route';
