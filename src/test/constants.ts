export const TEST_ADMIN_PASSWORD = 'Admin@12345';
export const TEST_DEMO_PASSWORD = 'Demo@2024';
