import type { Messages } from "../translate";

/** Signing in, the password change and what the account APIs answer, in both languages. */
export const instructorAuth = {
  loginTitle: { zh: "教师登录", en: "Instructor sign-in" },
  loginLede: {
    zh: "教师账户由服务器管理员用 npm run -s instructor -- add 创建。学习者不需要登录。",
    en: "Instructor accounts are made by the server's administrator with npm run -s instructor -- add. Learners never need to sign in.",
  },
  email: { zh: "电子邮箱", en: "Email" },
  password: { zh: "密码", en: "Password" },
  signIn: { zh: "登录", en: "Sign in" },
  signingIn: { zh: "登录中…", en: "Signing in…" },
  signOut: { zh: "退出登录", en: "Sign out" },
  signingOut: { zh: "正在退出…", en: "Signing out…" },
  wrongCredentials: { zh: "邮箱或密码不正确。", en: "The email or password is not right." },
  tooManyAttempts: {
    zh: "登录失败次数过多，请在 {minutes} 分钟后再试。",
    en: "Too many failed sign-ins. Try again in {minutes} minutes.",
  },
  emailInvalid: { zh: "请输入有效的电子邮箱地址。", en: "Enter a valid email address." },
  passwordMissing: { zh: "请输入密码。", en: "Enter your password." },

  passwordTitle: { zh: "修改密码", en: "Change your password" },
  passwordForced: {
    zh: "你正在使用管理员给出的一次性密码。继续之前，请设置一个只有你知道的新密码。",
    en: "You signed in with a one-time password from your administrator. Before you go on, choose a new password that only you know.",
  },
  passwordLede: {
    zh: "修改后，你在其他浏览器中的登录都会退出。",
    en: "Changing it signs you out in every other browser.",
  },
  signedInAs: { zh: "已登录：{email}", en: "Signed in as {email}" },
  currentPassword: { zh: "当前密码", en: "Current password" },
  newPassword: { zh: "新密码", en: "New password" },
  newPasswordHint: {
    zh: "12 到 200 个字符，不能与邮箱相同。较长的短语比复杂的短密码更安全。",
    en: "12 to 200 characters, not your email. A long phrase is safer than a short complicated one.",
  },
  confirmPassword: { zh: "再次输入新密码", en: "New password again" },
  confirmMismatch: { zh: "两次输入的新密码不一致。", en: "The two new passwords differ." },
  savePassword: { zh: "保存新密码", en: "Save new password" },
  savingPassword: { zh: "保存中…", en: "Saving…" },
  currentWrong: { zh: "当前密码不正确。", en: "The current password is not right." },
  passwordTooShort: { zh: "密码至少需要 12 个字符。", en: "The password must have at least 12 characters." },
  passwordTooLong: { zh: "密码最多 200 个字符。", en: "The password must have at most 200 characters." },
  passwordIsEmail: { zh: "密码不能与邮箱相同。", en: "The password must not be your email address." },
  passwordUnchanged: { zh: "新密码必须与当前密码不同。", en: "The new password must differ from the current one." },
} satisfies Messages;
