import './quality.css';
import type { Route } from '../../app/router.js';
import { ComparisonScreen } from '../report/ComparisonScreen.js';
import { ReportScreen } from '../report/ReportScreen.js';
import { GoalScreen } from './GoalScreen.js';
import { OverdueScreen } from './OverdueScreen.js';
import { QualityScreen } from './QualityScreen.js';
import { RiskFollowUpScreen } from './RiskFollowUpScreen.js';
import { TemplatesScreen } from '../templates/TemplatesScreen.js';
import { PrivacyScreen } from '../privacy/PrivacyScreen.js';
import { WebhookDeliveriesScreen } from '../webhooks/WebhookDeliveriesScreen.js';
import { UsersScreen } from '../users/UsersScreen.js';
import { RoleMappingScreen } from '../users/RoleMappingScreen.js';
import { MySessionsScreen } from '../users/MySessionsScreen.js';
import { FeedbackCasesScreen } from '../feedback/FeedbackCasesScreen.js';

export type QualityRoute = Extract<
  Route,
  {
    name:
      | 'quality'
      | 'goal'
      | 'overdue'
      | 'riskFollowUp'
      | 'report'
      | 'municipalComparison'
      | 'templates'
      | 'privacy'
      | 'webhooks'
      | 'feedbackCases'
      | 'users'
      | 'roleMappings'
      | 'mySessions';
  }
>;

/** The supervisors' screens: one lazily loaded chunk, so the staff app's critical path does not carry them. */
export default function QualityRoutes({ route }: { route: QualityRoute }) {
  switch (route.name) {
    case 'quality':
      return <QualityScreen year={route.year} />;
    case 'goal':
      return <GoalScreen goalId={route.goalId} />;
    case 'overdue':
      return <OverdueScreen />;
    case 'riskFollowUp':
      return <RiskFollowUpScreen recipientId={route.recipientId} />;
    case 'report':
      return <ReportScreen year={route.year} />;
    case 'municipalComparison':
      return <ComparisonScreen />;
    case 'templates':
      return <TemplatesScreen />;
    case 'privacy':
      return <PrivacyScreen />;
    case 'webhooks':
      return <WebhookDeliveriesScreen />;
    case 'feedbackCases':
      return <FeedbackCasesScreen />;
    case 'users':
      return <UsersScreen />;
    case 'roleMappings':
      return <RoleMappingScreen />;
    case 'mySessions':
      return <MySessionsScreen />;
  }
}
