namespace Bastion.Core.Access;

/// <summary>Why a <see cref="Login"/> ended: stored with it and written to <c>auth.login.ended</c>.</summary>
internal static class LoginEndReasons
{
    public const string Logout = "logout";
    public const string EndedByUser = "ended_by_user";
    public const string Idle = "idle";
    public const string Expired = "expired";
    public const string UserDisabled = "user_disabled";
    public const string PasswordChanged = "password_changed";
    public const string PasswordReset = "password_reset";
    public const string RefreshReused = "refresh_reused";
}
