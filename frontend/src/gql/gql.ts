/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AppPlans {\n    plans {\n      id\n      name\n      year\n    }\n  }\n": typeof types.AppPlansDocument,
    "\n  query PlanPeriods($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n      periods {\n        id\n        planId\n        half\n        name\n        state\n        version\n        publishedAt\n      }\n    }\n  }\n": typeof types.PlanPeriodsDocument,
    "\n  query AuditLog($filter: AuditFilter, $offset: Int, $limit: Int) {\n    auditLog(filter: $filter, offset: $offset, limit: $limit) {\n      total\n      records {\n        id\n        at\n        username\n        roles\n        unitName\n        clientAddr\n        requestId\n        operation\n        outcome\n        objectType\n        objectId\n        before\n        after\n        detail\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditUnits {\n    units {\n      id\n      name\n      kind\n    }\n  }\n": typeof types.AuditUnitsDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      restricted\n      pendingSteps\n      user {\n        id\n        mustChangePassword\n        version\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation BeginTotpEnrollment {\n    beginTotpEnrollment {\n      url\n      qrCode\n      secret\n    }\n  }\n": typeof types.BeginTotpEnrollmentDocument,
    "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      restricted\n      pendingSteps\n      user {\n        id\n        totpEnabled\n        version\n      }\n    }\n  }\n": typeof types.ConfirmTotpEnrollmentDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      totpRequired\n      session {\n        restricted\n        pendingSteps\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query EvaluateeCandidates {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n    }\n  }\n": typeof types.EvaluateeCandidatesDocument,
    "\n  mutation CreateEvaluatee($input: CreateEvaluateeInput!) {\n    createEvaluatee(input: $input) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n": typeof types.CreateEvaluateeDocument,
    "\n  query EvaluateesPage($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n    }\n    evaluatees(planId: $planId) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n": typeof types.EvaluateesPageDocument,
    "\n  mutation UpdateEvaluatee($input: UpdateEvaluateeInput!) {\n    updateEvaluatee(input: $input) {\n      id\n      group\n      version\n    }\n  }\n": typeof types.UpdateEvaluateeDocument,
    "\n  mutation DeleteEvaluatee($id: ID!, $version: Int!) {\n    deleteEvaluatee(id: $id, version: $version)\n  }\n": typeof types.DeleteEvaluateeDocument,
    "\n  mutation PreviewPlanImport($file: Upload!) {\n    previewPlanImport(file: $file) {\n      title\n      totalPoints\n      newUnits\n      problems {\n        line\n        severity\n        code\n        message\n      }\n      dimensions {\n        number\n        name\n        points\n        line\n        indicators {\n          number\n          name\n          points\n          line\n          tasks {\n            number\n            text\n            points\n            line\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              written\n              name\n              known\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PreviewPlanImportDocument,
    "\n  mutation ImportPlan($input: ImportPlanInput!) {\n    importPlan(input: $input) {\n      plan {\n        id\n        name\n        year\n      }\n      createdUnits {\n        id\n        name\n      }\n      problems {\n        line\n        severity\n        code\n        message\n      }\n    }\n  }\n": typeof types.ImportPlanDocument,
    "\n  query AssignmentEvaluatees($planId: ID!) {\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n": typeof types.AssignmentEvaluateesDocument,
    "\n  mutation SetTaskAssignments($input: SetTaskAssignmentsInput!) {\n    setTaskAssignments(input: $input) {\n      id\n      version\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n": typeof types.SetTaskAssignmentsDocument,
    "\n  mutation UpdatePlan($input: UpdatePlanInput!) {\n    updatePlan(input: $input) {\n      id\n      name\n      year\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n    }\n  }\n": typeof types.UpdatePlanDocument,
    "\n  mutation CreateDimension($input: CreateDimensionInput!) {\n    createDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n": typeof types.CreateDimensionDocument,
    "\n  mutation UpdateDimension($input: UpdateDimensionInput!) {\n    updateDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n": typeof types.UpdateDimensionDocument,
    "\n  mutation CreateIndicator($input: CreateIndicatorInput!) {\n    createIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n": typeof types.CreateIndicatorDocument,
    "\n  mutation UpdateIndicator($input: UpdateIndicatorInput!) {\n    updateIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n": typeof types.UpdateIndicatorDocument,
    "\n  query TaskFormUnits {\n    units {\n      id\n      name\n      kind\n      aliases\n    }\n  }\n": typeof types.TaskFormUnitsDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      indicatorId\n      number\n      version\n    }\n  }\n": typeof types.CreateTaskDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UpdateTaskDocument,
    "\n  query PlanPage($id: ID!) {\n    plan(id: $id) {\n      id\n      name\n      year\n      totalPoints\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n      dimensions {\n        id\n        number\n        name\n        points\n        version\n        indicators {\n          id\n          dimensionId\n          number\n          name\n          points\n          version\n          tasks {\n            id\n            indicatorId\n            number\n            text\n            points\n            effectivePoints\n            version\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PlanPageDocument,
    "\n  mutation DeleteDimension($id: ID!, $version: Int!) {\n    deleteDimension(id: $id, version: $version)\n  }\n": typeof types.DeleteDimensionDocument,
    "\n  mutation DeleteIndicator($id: ID!, $version: Int!) {\n    deleteIndicator(id: $id, version: $version)\n  }\n": typeof types.DeleteIndicatorDocument,
    "\n  mutation DeleteTask($id: ID!, $version: Int!) {\n    deleteTask(id: $id, version: $version)\n  }\n": typeof types.DeleteTaskDocument,
    "\n  query TaskDetail($id: ID!) {\n    task(id: $id) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n": typeof types.TaskDetailDocument,
    "\n  fragment ScoreGridFields on Score {\n    id\n    evaluateeId\n    taskId\n    value\n    comment\n    status\n    version\n    enteredBy\n    enteredAt\n    verifiedBy\n    verifiedAt\n    originalValue\n    reviewReason\n  }\n": typeof types.ScoreGridFieldsFragmentDoc,
    "\n  query ScoreSheet($periodId: ID!) {\n    scoreSheet(periodId: $periodId) {\n      editable\n      period {\n        id\n        name\n        state\n      }\n      leadUnit {\n        id\n        name\n      }\n      tasks {\n        id\n        number\n        text\n        effectivePoints\n        indicatorId\n        deadline {\n          phrase\n          month\n          state\n          continuing\n        }\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n      cells {\n        evaluateeId\n        taskId\n        maxPoints\n        score {\n          ...ScoreGridFields\n        }\n        report {\n          id\n          state\n          narrative\n          updatedBy\n          updatedAt\n          evidence {\n            id\n            filename\n            contentType\n            size\n            url\n          }\n        }\n      }\n    }\n  }\n": typeof types.ScoreSheetDocument,
    "\n  mutation SaveScores($input: SaveScoresInput!) {\n    saveScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n": typeof types.SaveScoresDocument,
    "\n  mutation SubmitScores($input: SubmitScoresInput!) {\n    submitScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n": typeof types.SubmitScoresDocument,
    "\n  mutation ImportScoreSheet($periodId: ID!, $file: Upload!) {\n    importScoreSheet(periodId: $periodId, file: $file) {\n      errors {\n        row\n        column\n        message\n      }\n      saved {\n        ...ScoreGridFields\n      }\n    }\n  }\n": typeof types.ImportScoreSheetDocument,
    "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n": typeof types.CreateUnitDocument,
    "\n  mutation UpdateUnit($input: UpdateUnitInput!) {\n    updateUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n": typeof types.UpdateUnitDocument,
    "\n  query UnitsPage {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n": typeof types.UnitsPageDocument,
    "\n  mutation DeleteUnit($id: ID!, $version: Int!) {\n    deleteUnit(id: $id, version: $version)\n  }\n": typeof types.DeleteUnitDocument,
    "\n  query UsersPage {\n    users {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n    units {\n      id\n      name\n      kind\n    }\n  }\n": typeof types.UsersPageDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      totpRequired\n      version\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      id\n      mustChangePassword\n      version\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation UnlockUser($id: ID!) {\n    unlockUser(id: $id) {\n      id\n      version\n    }\n  }\n": typeof types.UnlockUserDocument,
    "\n  query VerificationLookup($planId: ID!) {\n    plan(id: $planId) {\n      id\n      dimensions {\n        id\n        number\n        indicators {\n          id\n          tasks {\n            id\n            number\n            text\n            effectivePoints\n          }\n        }\n      }\n    }\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n": typeof types.VerificationLookupDocument,
    "\n  query VerificationQueue($periodId: ID!, $status: ScoreStatus) {\n    verificationQueue(periodId: $periodId, status: $status) {\n      id\n      evaluateeId\n      taskId\n      leadUnit {\n        id\n        name\n      }\n      value\n      comment\n      status\n      enteredBy\n      enteredAt\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n      version\n      history {\n        at\n        username\n        action\n        oldValue\n        newValue\n        oldStatus\n        newStatus\n        reason\n      }\n    }\n  }\n": typeof types.VerificationQueueDocument,
    "\n  mutation VerifyScores($input: VerifyScoresInput!) {\n    verifyScores(input: $input) {\n      id\n      value\n      status\n      version\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n    }\n  }\n": typeof types.VerifyScoresDocument,
    "\n  query VerificationReports($periodId: ID!, $evaluateeId: ID!) {\n    progressReports(periodId: $periodId, evaluateeId: $evaluateeId) {\n      id\n      taskId\n      state\n      narrative\n      updatedBy\n      updatedAt\n      evidence {\n        id\n        filename\n        size\n        url\n      }\n    }\n  }\n": typeof types.VerificationReportsDocument,
    "\n  query Me {\n    me {\n      restricted\n      pendingSteps\n      idleTimeoutSeconds\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        roles\n        mustChangePassword\n        totpEnabled\n        totpRequired\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  query AppPlans {\n    plans {\n      id\n      name\n      year\n    }\n  }\n": types.AppPlansDocument,
    "\n  query PlanPeriods($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n      periods {\n        id\n        planId\n        half\n        name\n        state\n        version\n        publishedAt\n      }\n    }\n  }\n": types.PlanPeriodsDocument,
    "\n  query AuditLog($filter: AuditFilter, $offset: Int, $limit: Int) {\n    auditLog(filter: $filter, offset: $offset, limit: $limit) {\n      total\n      records {\n        id\n        at\n        username\n        roles\n        unitName\n        clientAddr\n        requestId\n        operation\n        outcome\n        objectType\n        objectId\n        before\n        after\n        detail\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditUnits {\n    units {\n      id\n      name\n      kind\n    }\n  }\n": types.AuditUnitsDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      restricted\n      pendingSteps\n      user {\n        id\n        mustChangePassword\n        version\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation BeginTotpEnrollment {\n    beginTotpEnrollment {\n      url\n      qrCode\n      secret\n    }\n  }\n": types.BeginTotpEnrollmentDocument,
    "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      restricted\n      pendingSteps\n      user {\n        id\n        totpEnabled\n        version\n      }\n    }\n  }\n": types.ConfirmTotpEnrollmentDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      totpRequired\n      session {\n        restricted\n        pendingSteps\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query EvaluateeCandidates {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n    }\n  }\n": types.EvaluateeCandidatesDocument,
    "\n  mutation CreateEvaluatee($input: CreateEvaluateeInput!) {\n    createEvaluatee(input: $input) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n": types.CreateEvaluateeDocument,
    "\n  query EvaluateesPage($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n    }\n    evaluatees(planId: $planId) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n": types.EvaluateesPageDocument,
    "\n  mutation UpdateEvaluatee($input: UpdateEvaluateeInput!) {\n    updateEvaluatee(input: $input) {\n      id\n      group\n      version\n    }\n  }\n": types.UpdateEvaluateeDocument,
    "\n  mutation DeleteEvaluatee($id: ID!, $version: Int!) {\n    deleteEvaluatee(id: $id, version: $version)\n  }\n": types.DeleteEvaluateeDocument,
    "\n  mutation PreviewPlanImport($file: Upload!) {\n    previewPlanImport(file: $file) {\n      title\n      totalPoints\n      newUnits\n      problems {\n        line\n        severity\n        code\n        message\n      }\n      dimensions {\n        number\n        name\n        points\n        line\n        indicators {\n          number\n          name\n          points\n          line\n          tasks {\n            number\n            text\n            points\n            line\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              written\n              name\n              known\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PreviewPlanImportDocument,
    "\n  mutation ImportPlan($input: ImportPlanInput!) {\n    importPlan(input: $input) {\n      plan {\n        id\n        name\n        year\n      }\n      createdUnits {\n        id\n        name\n      }\n      problems {\n        line\n        severity\n        code\n        message\n      }\n    }\n  }\n": types.ImportPlanDocument,
    "\n  query AssignmentEvaluatees($planId: ID!) {\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n": types.AssignmentEvaluateesDocument,
    "\n  mutation SetTaskAssignments($input: SetTaskAssignmentsInput!) {\n    setTaskAssignments(input: $input) {\n      id\n      version\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n": types.SetTaskAssignmentsDocument,
    "\n  mutation UpdatePlan($input: UpdatePlanInput!) {\n    updatePlan(input: $input) {\n      id\n      name\n      year\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n    }\n  }\n": types.UpdatePlanDocument,
    "\n  mutation CreateDimension($input: CreateDimensionInput!) {\n    createDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n": types.CreateDimensionDocument,
    "\n  mutation UpdateDimension($input: UpdateDimensionInput!) {\n    updateDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n": types.UpdateDimensionDocument,
    "\n  mutation CreateIndicator($input: CreateIndicatorInput!) {\n    createIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n": types.CreateIndicatorDocument,
    "\n  mutation UpdateIndicator($input: UpdateIndicatorInput!) {\n    updateIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n": types.UpdateIndicatorDocument,
    "\n  query TaskFormUnits {\n    units {\n      id\n      name\n      kind\n      aliases\n    }\n  }\n": types.TaskFormUnitsDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      indicatorId\n      number\n      version\n    }\n  }\n": types.CreateTaskDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n    }\n  }\n": types.UpdateTaskDocument,
    "\n  query PlanPage($id: ID!) {\n    plan(id: $id) {\n      id\n      name\n      year\n      totalPoints\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n      dimensions {\n        id\n        number\n        name\n        points\n        version\n        indicators {\n          id\n          dimensionId\n          number\n          name\n          points\n          version\n          tasks {\n            id\n            indicatorId\n            number\n            text\n            points\n            effectivePoints\n            version\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PlanPageDocument,
    "\n  mutation DeleteDimension($id: ID!, $version: Int!) {\n    deleteDimension(id: $id, version: $version)\n  }\n": types.DeleteDimensionDocument,
    "\n  mutation DeleteIndicator($id: ID!, $version: Int!) {\n    deleteIndicator(id: $id, version: $version)\n  }\n": types.DeleteIndicatorDocument,
    "\n  mutation DeleteTask($id: ID!, $version: Int!) {\n    deleteTask(id: $id, version: $version)\n  }\n": types.DeleteTaskDocument,
    "\n  query TaskDetail($id: ID!) {\n    task(id: $id) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n": types.TaskDetailDocument,
    "\n  fragment ScoreGridFields on Score {\n    id\n    evaluateeId\n    taskId\n    value\n    comment\n    status\n    version\n    enteredBy\n    enteredAt\n    verifiedBy\n    verifiedAt\n    originalValue\n    reviewReason\n  }\n": types.ScoreGridFieldsFragmentDoc,
    "\n  query ScoreSheet($periodId: ID!) {\n    scoreSheet(periodId: $periodId) {\n      editable\n      period {\n        id\n        name\n        state\n      }\n      leadUnit {\n        id\n        name\n      }\n      tasks {\n        id\n        number\n        text\n        effectivePoints\n        indicatorId\n        deadline {\n          phrase\n          month\n          state\n          continuing\n        }\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n      cells {\n        evaluateeId\n        taskId\n        maxPoints\n        score {\n          ...ScoreGridFields\n        }\n        report {\n          id\n          state\n          narrative\n          updatedBy\n          updatedAt\n          evidence {\n            id\n            filename\n            contentType\n            size\n            url\n          }\n        }\n      }\n    }\n  }\n": types.ScoreSheetDocument,
    "\n  mutation SaveScores($input: SaveScoresInput!) {\n    saveScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n": types.SaveScoresDocument,
    "\n  mutation SubmitScores($input: SubmitScoresInput!) {\n    submitScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n": types.SubmitScoresDocument,
    "\n  mutation ImportScoreSheet($periodId: ID!, $file: Upload!) {\n    importScoreSheet(periodId: $periodId, file: $file) {\n      errors {\n        row\n        column\n        message\n      }\n      saved {\n        ...ScoreGridFields\n      }\n    }\n  }\n": types.ImportScoreSheetDocument,
    "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n": types.CreateUnitDocument,
    "\n  mutation UpdateUnit($input: UpdateUnitInput!) {\n    updateUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n": types.UpdateUnitDocument,
    "\n  query UnitsPage {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n": types.UnitsPageDocument,
    "\n  mutation DeleteUnit($id: ID!, $version: Int!) {\n    deleteUnit(id: $id, version: $version)\n  }\n": types.DeleteUnitDocument,
    "\n  query UsersPage {\n    users {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n    units {\n      id\n      name\n      kind\n    }\n  }\n": types.UsersPageDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      totpRequired\n      version\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      id\n      mustChangePassword\n      version\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation UnlockUser($id: ID!) {\n    unlockUser(id: $id) {\n      id\n      version\n    }\n  }\n": types.UnlockUserDocument,
    "\n  query VerificationLookup($planId: ID!) {\n    plan(id: $planId) {\n      id\n      dimensions {\n        id\n        number\n        indicators {\n          id\n          tasks {\n            id\n            number\n            text\n            effectivePoints\n          }\n        }\n      }\n    }\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n": types.VerificationLookupDocument,
    "\n  query VerificationQueue($periodId: ID!, $status: ScoreStatus) {\n    verificationQueue(periodId: $periodId, status: $status) {\n      id\n      evaluateeId\n      taskId\n      leadUnit {\n        id\n        name\n      }\n      value\n      comment\n      status\n      enteredBy\n      enteredAt\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n      version\n      history {\n        at\n        username\n        action\n        oldValue\n        newValue\n        oldStatus\n        newStatus\n        reason\n      }\n    }\n  }\n": types.VerificationQueueDocument,
    "\n  mutation VerifyScores($input: VerifyScoresInput!) {\n    verifyScores(input: $input) {\n      id\n      value\n      status\n      version\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n    }\n  }\n": types.VerifyScoresDocument,
    "\n  query VerificationReports($periodId: ID!, $evaluateeId: ID!) {\n    progressReports(periodId: $periodId, evaluateeId: $evaluateeId) {\n      id\n      taskId\n      state\n      narrative\n      updatedBy\n      updatedAt\n      evidence {\n        id\n        filename\n        size\n        url\n      }\n    }\n  }\n": types.VerificationReportsDocument,
    "\n  query Me {\n    me {\n      restricted\n      pendingSteps\n      idleTimeoutSeconds\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        roles\n        mustChangePassword\n        totpEnabled\n        totpRequired\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppPlans {\n    plans {\n      id\n      name\n      year\n    }\n  }\n"): (typeof documents)["\n  query AppPlans {\n    plans {\n      id\n      name\n      year\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlanPeriods($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n      periods {\n        id\n        planId\n        half\n        name\n        state\n        version\n        publishedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlanPeriods($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n      periods {\n        id\n        planId\n        half\n        name\n        state\n        version\n        publishedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($filter: AuditFilter, $offset: Int, $limit: Int) {\n    auditLog(filter: $filter, offset: $offset, limit: $limit) {\n      total\n      records {\n        id\n        at\n        username\n        roles\n        unitName\n        clientAddr\n        requestId\n        operation\n        outcome\n        objectType\n        objectId\n        before\n        after\n        detail\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($filter: AuditFilter, $offset: Int, $limit: Int) {\n    auditLog(filter: $filter, offset: $offset, limit: $limit) {\n      total\n      records {\n        id\n        at\n        username\n        roles\n        unitName\n        clientAddr\n        requestId\n        operation\n        outcome\n        objectType\n        objectId\n        before\n        after\n        detail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditUnits {\n    units {\n      id\n      name\n      kind\n    }\n  }\n"): (typeof documents)["\n  query AuditUnits {\n    units {\n      id\n      name\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      restricted\n      pendingSteps\n      user {\n        id\n        mustChangePassword\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      restricted\n      pendingSteps\n      user {\n        id\n        mustChangePassword\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginTotpEnrollment {\n    beginTotpEnrollment {\n      url\n      qrCode\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation BeginTotpEnrollment {\n    beginTotpEnrollment {\n      url\n      qrCode\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      restricted\n      pendingSteps\n      user {\n        id\n        totpEnabled\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      restricted\n      pendingSteps\n      user {\n        id\n        totpEnabled\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      totpRequired\n      session {\n        restricted\n        pendingSteps\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      totpRequired\n      session {\n        restricted\n        pendingSteps\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluateeCandidates {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n    }\n  }\n"): (typeof documents)["\n  query EvaluateeCandidates {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEvaluatee($input: CreateEvaluateeInput!) {\n    createEvaluatee(input: $input) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEvaluatee($input: CreateEvaluateeInput!) {\n    createEvaluatee(input: $input) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluateesPage($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n    }\n    evaluatees(planId: $planId) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n"): (typeof documents)["\n  query EvaluateesPage($planId: ID!) {\n    plan(id: $planId) {\n      id\n      name\n      year\n    }\n    evaluatees(planId: $planId) {\n      id\n      planId\n      group\n      version\n      unit {\n        id\n        name\n        kind\n        sortKey\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEvaluatee($input: UpdateEvaluateeInput!) {\n    updateEvaluatee(input: $input) {\n      id\n      group\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateEvaluatee($input: UpdateEvaluateeInput!) {\n    updateEvaluatee(input: $input) {\n      id\n      group\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteEvaluatee($id: ID!, $version: Int!) {\n    deleteEvaluatee(id: $id, version: $version)\n  }\n"): (typeof documents)["\n  mutation DeleteEvaluatee($id: ID!, $version: Int!) {\n    deleteEvaluatee(id: $id, version: $version)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PreviewPlanImport($file: Upload!) {\n    previewPlanImport(file: $file) {\n      title\n      totalPoints\n      newUnits\n      problems {\n        line\n        severity\n        code\n        message\n      }\n      dimensions {\n        number\n        name\n        points\n        line\n        indicators {\n          number\n          name\n          points\n          line\n          tasks {\n            number\n            text\n            points\n            line\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              written\n              name\n              known\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PreviewPlanImport($file: Upload!) {\n    previewPlanImport(file: $file) {\n      title\n      totalPoints\n      newUnits\n      problems {\n        line\n        severity\n        code\n        message\n      }\n      dimensions {\n        number\n        name\n        points\n        line\n        indicators {\n          number\n          name\n          points\n          line\n          tasks {\n            number\n            text\n            points\n            line\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              written\n              name\n              known\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportPlan($input: ImportPlanInput!) {\n    importPlan(input: $input) {\n      plan {\n        id\n        name\n        year\n      }\n      createdUnits {\n        id\n        name\n      }\n      problems {\n        line\n        severity\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportPlan($input: ImportPlanInput!) {\n    importPlan(input: $input) {\n      plan {\n        id\n        name\n        year\n      }\n      createdUnits {\n        id\n        name\n      }\n      problems {\n        line\n        severity\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignmentEvaluatees($planId: ID!) {\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssignmentEvaluatees($planId: ID!) {\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTaskAssignments($input: SetTaskAssignmentsInput!) {\n    setTaskAssignments(input: $input) {\n      id\n      version\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTaskAssignments($input: SetTaskAssignmentsInput!) {\n    setTaskAssignments(input: $input) {\n      id\n      version\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePlan($input: UpdatePlanInput!) {\n    updatePlan(input: $input) {\n      id\n      name\n      year\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePlan($input: UpdatePlanInput!) {\n    updatePlan(input: $input) {\n      id\n      name\n      year\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDimension($input: CreateDimensionInput!) {\n    createDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDimension($input: CreateDimensionInput!) {\n    createDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDimension($input: UpdateDimensionInput!) {\n    updateDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDimension($input: UpdateDimensionInput!) {\n    updateDimension(input: $input) {\n      id\n      planId\n      number\n      name\n      points\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateIndicator($input: CreateIndicatorInput!) {\n    createIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateIndicator($input: CreateIndicatorInput!) {\n    createIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateIndicator($input: UpdateIndicatorInput!) {\n    updateIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateIndicator($input: UpdateIndicatorInput!) {\n    updateIndicator(input: $input) {\n      id\n      dimensionId\n      number\n      name\n      points\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskFormUnits {\n    units {\n      id\n      name\n      kind\n      aliases\n    }\n  }\n"): (typeof documents)["\n  query TaskFormUnits {\n    units {\n      id\n      name\n      kind\n      aliases\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      indicatorId\n      number\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      indicatorId\n      number\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlanPage($id: ID!) {\n    plan(id: $id) {\n      id\n      name\n      year\n      totalPoints\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n      dimensions {\n        id\n        number\n        name\n        points\n        version\n        indicators {\n          id\n          dimensionId\n          number\n          name\n          points\n          version\n          tasks {\n            id\n            indicatorId\n            number\n            text\n            points\n            effectivePoints\n            version\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlanPage($id: ID!) {\n    plan(id: $id) {\n      id\n      name\n      year\n      totalPoints\n      version\n      missingComponentRule\n      weights {\n        dailyMonitoring\n        fieldVisits\n        publicOpinion\n        thirdParty\n      }\n      dimensions {\n        id\n        number\n        name\n        points\n        version\n        indicators {\n          id\n          dimensionId\n          number\n          name\n          points\n          version\n          tasks {\n            id\n            indicatorId\n            number\n            text\n            points\n            effectivePoints\n            version\n            deadline {\n              phrase\n              month\n              state\n              continuing\n            }\n            leadUnits {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDimension($id: ID!, $version: Int!) {\n    deleteDimension(id: $id, version: $version)\n  }\n"): (typeof documents)["\n  mutation DeleteDimension($id: ID!, $version: Int!) {\n    deleteDimension(id: $id, version: $version)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteIndicator($id: ID!, $version: Int!) {\n    deleteIndicator(id: $id, version: $version)\n  }\n"): (typeof documents)["\n  mutation DeleteIndicator($id: ID!, $version: Int!) {\n    deleteIndicator(id: $id, version: $version)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTask($id: ID!, $version: Int!) {\n    deleteTask(id: $id, version: $version)\n  }\n"): (typeof documents)["\n  mutation DeleteTask($id: ID!, $version: Int!) {\n    deleteTask(id: $id, version: $version)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskDetail($id: ID!) {\n    task(id: $id) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskDetail($id: ID!) {\n    task(id: $id) {\n      id\n      indicatorId\n      number\n      text\n      points\n      effectivePoints\n      version\n      deadline {\n        phrase\n        month\n        state\n        continuing\n      }\n      leadUnits {\n        id\n        name\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScoreGridFields on Score {\n    id\n    evaluateeId\n    taskId\n    value\n    comment\n    status\n    version\n    enteredBy\n    enteredAt\n    verifiedBy\n    verifiedAt\n    originalValue\n    reviewReason\n  }\n"): (typeof documents)["\n  fragment ScoreGridFields on Score {\n    id\n    evaluateeId\n    taskId\n    value\n    comment\n    status\n    version\n    enteredBy\n    enteredAt\n    verifiedBy\n    verifiedAt\n    originalValue\n    reviewReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScoreSheet($periodId: ID!) {\n    scoreSheet(periodId: $periodId) {\n      editable\n      period {\n        id\n        name\n        state\n      }\n      leadUnit {\n        id\n        name\n      }\n      tasks {\n        id\n        number\n        text\n        effectivePoints\n        indicatorId\n        deadline {\n          phrase\n          month\n          state\n          continuing\n        }\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n      cells {\n        evaluateeId\n        taskId\n        maxPoints\n        score {\n          ...ScoreGridFields\n        }\n        report {\n          id\n          state\n          narrative\n          updatedBy\n          updatedAt\n          evidence {\n            id\n            filename\n            contentType\n            size\n            url\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScoreSheet($periodId: ID!) {\n    scoreSheet(periodId: $periodId) {\n      editable\n      period {\n        id\n        name\n        state\n      }\n      leadUnit {\n        id\n        name\n      }\n      tasks {\n        id\n        number\n        text\n        effectivePoints\n        indicatorId\n        deadline {\n          phrase\n          month\n          state\n          continuing\n        }\n      }\n      evaluatees {\n        id\n        group\n        unit {\n          id\n          name\n          sortKey\n        }\n      }\n      cells {\n        evaluateeId\n        taskId\n        maxPoints\n        score {\n          ...ScoreGridFields\n        }\n        report {\n          id\n          state\n          narrative\n          updatedBy\n          updatedAt\n          evidence {\n            id\n            filename\n            contentType\n            size\n            url\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveScores($input: SaveScoresInput!) {\n    saveScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n"): (typeof documents)["\n  mutation SaveScores($input: SaveScoresInput!) {\n    saveScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitScores($input: SubmitScoresInput!) {\n    submitScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitScores($input: SubmitScoresInput!) {\n    submitScores(input: $input) {\n      ...ScoreGridFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportScoreSheet($periodId: ID!, $file: Upload!) {\n    importScoreSheet(periodId: $periodId, file: $file) {\n      errors {\n        row\n        column\n        message\n      }\n      saved {\n        ...ScoreGridFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportScoreSheet($periodId: ID!, $file: Upload!) {\n    importScoreSheet(periodId: $periodId, file: $file) {\n      errors {\n        row\n        column\n        message\n      }\n      saved {\n        ...ScoreGridFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUnit($input: UpdateUnitInput!) {\n    updateUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUnit($input: UpdateUnitInput!) {\n    updateUnit(input: $input) {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitsPage {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n"): (typeof documents)["\n  query UnitsPage {\n    units {\n      id\n      name\n      kind\n      aliases\n      sortKey\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUnit($id: ID!, $version: Int!) {\n    deleteUnit(id: $id, version: $version)\n  }\n"): (typeof documents)["\n  mutation DeleteUnit($id: ID!, $version: Int!) {\n    deleteUnit(id: $id, version: $version)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage {\n    users {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n    units {\n      id\n      name\n      kind\n    }\n  }\n"): (typeof documents)["\n  query UsersPage {\n    users {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n    units {\n      id\n      name\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      mustChangePassword\n      totpEnabled\n      totpRequired\n      lastLoginAt\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      totpRequired\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id\n      displayName\n      unit {\n        id\n        name\n      }\n      roles\n      enabled\n      totpRequired\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      id\n      mustChangePassword\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      id\n      mustChangePassword\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlockUser($id: ID!) {\n    unlockUser(id: $id) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UnlockUser($id: ID!) {\n    unlockUser(id: $id) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerificationLookup($planId: ID!) {\n    plan(id: $planId) {\n      id\n      dimensions {\n        id\n        number\n        indicators {\n          id\n          tasks {\n            id\n            number\n            text\n            effectivePoints\n          }\n        }\n      }\n    }\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n"): (typeof documents)["\n  query VerificationLookup($planId: ID!) {\n    plan(id: $planId) {\n      id\n      dimensions {\n        id\n        number\n        indicators {\n          id\n          tasks {\n            id\n            number\n            text\n            effectivePoints\n          }\n        }\n      }\n    }\n    evaluatees(planId: $planId) {\n      id\n      group\n      unit {\n        id\n        name\n        sortKey\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerificationQueue($periodId: ID!, $status: ScoreStatus) {\n    verificationQueue(periodId: $periodId, status: $status) {\n      id\n      evaluateeId\n      taskId\n      leadUnit {\n        id\n        name\n      }\n      value\n      comment\n      status\n      enteredBy\n      enteredAt\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n      version\n      history {\n        at\n        username\n        action\n        oldValue\n        newValue\n        oldStatus\n        newStatus\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  query VerificationQueue($periodId: ID!, $status: ScoreStatus) {\n    verificationQueue(periodId: $periodId, status: $status) {\n      id\n      evaluateeId\n      taskId\n      leadUnit {\n        id\n        name\n      }\n      value\n      comment\n      status\n      enteredBy\n      enteredAt\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n      version\n      history {\n        at\n        username\n        action\n        oldValue\n        newValue\n        oldStatus\n        newStatus\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyScores($input: VerifyScoresInput!) {\n    verifyScores(input: $input) {\n      id\n      value\n      status\n      version\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyScores($input: VerifyScoresInput!) {\n    verifyScores(input: $input) {\n      id\n      value\n      status\n      version\n      verifiedBy\n      verifiedAt\n      originalValue\n      reviewReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerificationReports($periodId: ID!, $evaluateeId: ID!) {\n    progressReports(periodId: $periodId, evaluateeId: $evaluateeId) {\n      id\n      taskId\n      state\n      narrative\n      updatedBy\n      updatedAt\n      evidence {\n        id\n        filename\n        size\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  query VerificationReports($periodId: ID!, $evaluateeId: ID!) {\n    progressReports(periodId: $periodId, evaluateeId: $evaluateeId) {\n      id\n      taskId\n      state\n      narrative\n      updatedBy\n      updatedAt\n      evidence {\n        id\n        filename\n        size\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      restricted\n      pendingSteps\n      idleTimeoutSeconds\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        roles\n        mustChangePassword\n        totpEnabled\n        totpRequired\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      restricted\n      pendingSteps\n      idleTimeoutSeconds\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        roles\n        mustChangePassword\n        totpEnabled\n        totpRequired\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;