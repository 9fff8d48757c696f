namespace Harness.Bank.Common;

/// <summary>An expected refusal: a stable code for programs and a Japanese message for people.</summary>
public sealed record Problem(int Status, string Code, string Message)
{
    public static Problem BadInput(string message) => new(400, "invalid_input", message);
    public static Problem Unauthorized(string message) => new(401, "unauthorized", message);
    public static Problem Forbidden(string code, string message) => new(403, code, message);
    public static Problem Conflict(string code, string message) => new(409, code, message);
    public static Problem NotFound(string message) => new(404, "not_found", message);
    public static Problem Locked(string message) => new(423, "otp_locked", message);
    public static Problem Unavailable(string message) => new(503, "unavailable", message);

    public static readonly Problem NotLoggedIn = new(401, "not_logged_in", "ログインしてください。");
    public static readonly Problem WrongCredentials = new(401, "login_failed", "ログインIDまたはログインパスワードが正しくありません。");
    public static readonly Problem WrongConfirmationPassword = new(401, "confirmation_password_wrong", "確認用パスワードが正しくありません。");
    public static readonly Problem OtpWrong = new(401, "otp_rejected", "ワンタイムパスワードが正しくありません。");
    public static readonly Problem TokenExpired = new(403, "token_expired", "トークンの有効期限が切れています。トークンの再発行をお申し込みください。");
    public static readonly Problem VendorDown = Unavailable("現在ワンタイムパスワードの認証を行うことができません。しばらくしてから再度お試しください。");
    public static readonly Problem MailDown = Unavailable("現在メールを送信できないため、お手続きを受け付けられません。しばらくしてから再度お試しください。");
    /// <summary>The bank's own database cannot be reached: every operation is refused and nothing is recorded.</summary>
    public static readonly Problem DatabaseDown = Unavailable("現在お取り扱いできません。しばらくしてから再度お試しください。");

    public IResult ToResult() => Results.Json(new { code = Code, message = Message }, statusCode: Status);
}

/// <summary>A value or a <see cref="Problem"/>; handlers map it to HTTP in one place.</summary>
public readonly record struct Outcome<T>(T? Value, Problem? Problem)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);
    public bool Failed => Problem is not null;

    public IResult ToResult() => Problem is { } p ? p.ToResult() : Results.Json(Value);
}
