import { graphql } from '../../gql';

export const usersPageQuery = graphql(`
  query UsersPage {
    users {
      id
      username
      displayName
      unit {
        id
        name
      }
      roles
      enabled
      mustChangePassword
      totpEnabled
      totpRequired
      lastLoginAt
      version
    }
    units {
      id
      name
      kind
    }
  }
`);

export const createUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
      displayName
      unit {
        id
        name
      }
      roles
      enabled
      mustChangePassword
      totpEnabled
      totpRequired
      lastLoginAt
      version
    }
  }
`);

export const updateUserMutation = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      id
      displayName
      unit {
        id
        name
      }
      roles
      enabled
      totpRequired
      version
    }
  }
`);

export const resetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      id
      mustChangePassword
      version
    }
  }
`);

export const unlockUserMutation = graphql(`
  mutation UnlockUser($id: ID!) {
    unlockUser(id: $id) {
      id
      version
    }
  }
`);
