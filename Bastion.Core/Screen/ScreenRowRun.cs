namespace Bastion.Core.Screen;

/// <summary>
/// Text a row was given but has not written into its cells yet (<see cref="ScreenRow.WriteAscii"/>): columns
/// <see cref="Start"/> up to <see cref="End"/> of the row's pending text, each a one-cell character drawn with
/// <see cref="Pen"/>.
/// </summary>
internal struct ScreenRowRun
{
    public int Start;
    public int End;
    public ScreenPen Pen;
}
