using Microsoft.Extensions.Logging;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>
/// The reply to a message the store did not take: its own when it refused it (<see cref="MessageRefusedException"/>);
/// when it failed, 452 4.3.1 (insufficient system storage; RFC 3463's "mail system full") when the disk or the quota is
/// full, 451 4.3.0 (local error in processing) for any other failure. Both are transient: the client keeps the message
/// and tries again later.
/// </summary>
internal static class StoreFailureReply
{
    private static readonly SmtpResponse InsufficientStorage = SmtpResponse.Refuse(SmtpProtocol.Reply.InsufficientStorage);

    /// <summary>451 4.3.0, also the refusal of a message the server itself could not go on with.</summary>
    public static readonly SmtpResponse LocalError = SmtpResponse.Refuse(SmtpProtocol.Reply.LocalError);

    /// <summary>ENOSPC, the same number on Linux, macOS and the BSDs: no space left on the device.</summary>
    private const int NoSpaceLeft = 28;

    /// <summary>EDQUOT on Linux: the disk quota is exceeded.</summary>
    private const int LinuxQuotaExceeded = 122;

    /// <summary>EDQUOT on macOS and the BSDs.</summary>
    private const int BsdQuotaExceeded = 69;

    /// <summary>HRESULT_FROM_WIN32 of ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL and ERROR_DISK_QUOTA_EXCEEDED.</summary>
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsQuotaExceeded = unchecked((int)0x8007050F);

    /// <summary>The reply for what the store threw.</summary>
    /// <param name="exception">What the store threw.</param>
    public static SmtpResponse For(Exception exception) =>
        exception is MessageRefusedException refused ? refused.Response
        : IsOutOfSpace(exception) ? InsufficientStorage
        : LocalError;

    /// <summary>
    /// Logs what the store threw: nothing when the store refused the message on purpose (the refusal is logged as one);
    /// a full disk or quota in one line, the system's words without a stack trace, since it comes again with every message
    /// until someone makes room; any other failure with its exception.
    /// </summary>
    public static void LogIfFailed(ILogger logger, Exception exception)
    {
        if (IsOutOfSpace(exception))
        {
            Server.Log.StoreFull(logger, exception.Message);
        }
        else if (exception is not MessageRefusedException)
        {
            Server.Log.StoreFailed(logger, exception);
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is the system saying the disk or the quota is full: .NET's file APIs throw an
    /// <see cref="IOException"/> whose <see cref="Exception.HResult"/> is the error number on Unix and
    /// HRESULT_FROM_WIN32 of the error on Windows.
    /// </summary>
    private static bool IsOutOfSpace(Exception exception) =>
        exception is IOException { HResult: int error } && (OperatingSystem.IsWindows()
            ? error is WindowsHandleDiskFull or WindowsDiskFull or WindowsQuotaExceeded
            : error == NoSpaceLeft || error == (OperatingSystem.IsLinux() ? LinuxQuotaExceeded : BsdQuotaExceeded));
}
