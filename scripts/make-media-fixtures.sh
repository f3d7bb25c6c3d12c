#!/bin/sh
# Regenerates test/fixtures/media/: tiny synthetic media files (ffmpeg lavfi sources
# testsrc2 / color / sine) plus the bad inputs the media-folder scan must survive.
#
#   sh scripts/make-media-fixtures.sh          # needs ffmpeg (Debian's 5.1 was used)
#
# Deterministic for one ffmpeg build: bitexact muxing/encoding drops version strings
# and timestamps, -map_metadata -1 drops inherited tags, one encoder thread keeps
# x264/libvpx output stable. Every file is a few KB (total well under 200 KB).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/test/fixtures/media"
mkdir -p "$out/music" "$out/extras"
rm -f "$out"/*.mp4 "$out"/*.mkv "$out"/*.webm "$out"/*.dat "$out"/*.nfo \
  "$out"/music/* "$out"/extras/*

ff() {
  ffmpeg -nostdin -hide_banner -loglevel error -y "$@"
}
# Flags every output gets (after the inputs).
BITEXACT="-map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -threads 1"

# H.264 MP4 of the same picture at two bitrates (two releases of one title).
for kbps in 40 120; do
  # shellcheck disable=SC2086
  ff -f lavfi -i "testsrc2=size=320x180:rate=10:duration=2" \
    $BITEXACT -c:v libx264 -preset veryfast -x264-params "bitrate=$kbps:vbv-maxrate=$kbps:vbv-bufsize=$kbps" \
    -pix_fmt yuv420p -metadata title="Test Pattern" "$out/test-pattern-${kbps}k.mp4"
done

# Letterboxed scope clip, 1920×800: resolution class 1080p. A flat colour keeps it tiny.
# shellcheck disable=SC2086
ff -f lavfi -i "color=c=navy:size=1920x800:rate=5:duration=1" \
  $BITEXACT -c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p "$out/Scope Feature (2019).mp4"

# Matroska, H.264 + AAC: streams carry no bit_rate/duration, only format values and
# per-stream DURATION tags.
# shellcheck disable=SC2086
ff -f lavfi -i "testsrc2=size=256x144:rate=12:duration=1.5" -f lavfi -i "sine=frequency=440:duration=1.5:sample_rate=22050" \
  $BITEXACT -c:v libx264 -preset veryfast -crf 38 -pix_fmt yuv420p -c:a aac -b:a 24k -ac 1 \
  -metadata title="Matroska Sample" "$out/matroska-sample.mkv"

# WebM, VP8 + Vorbis, no title tag (the title is the file-name stem).
# shellcheck disable=SC2086
ff -f lavfi -i "testsrc2=size=240x136:rate=10:duration=1.2" -f lavfi -i "sine=frequency=660:duration=1.2:sample_rate=22050" \
  $BITEXACT -c:v libvpx -deadline good -cpu-used 5 -b:v 60k -c:a libvorbis -q:a 0 -ac 1 "$out/web clip.webm"

# Music: MP3 with an ID3 title, FLAC with a title and cover art (an attached picture:
# a video stream that is not the item's video).
# shellcheck disable=SC2086
ff -f lavfi -i "sine=frequency=523:duration=1.5:sample_rate=22050" \
  $BITEXACT -c:a libmp3lame -b:a 32k -ac 1 -id3v2_version 3 -metadata title="Sine Song" "$out/music/01 sine song.mp3"
# shellcheck disable=SC2086
ff -f lavfi -i "color=c=red:size=16x16:duration=0.1:rate=1" -frames:v 1 $BITEXACT "$out/extras/cover.png"
# shellcheck disable=SC2086
ff -f lavfi -i "sine=frequency=330:duration=1:sample_rate=8000" -i "$out/extras/cover.png" \
  -map 0:a -map 1:v $BITEXACT -c:a flac -c:v copy -disposition:v attached_pic \
  -metadata title="Low Hum" "$out/music/02 low hum.flac"

# Bad inputs.
# A truncated MP4 (its moov atom, written last, is cut off): ffprobe fails on it.
size=$(wc -c <"$out/test-pattern-120k.mp4")
head -c $((size / 2)) "$out/test-pattern-120k.mp4" >"$out/broken-download.mp4"
# Text that only claims to be Matroska, and a release-notes file.
printf 'This is not a movie, only a file named like one.\n' >"$out/not-a-movie.mkv"
printf 'Test Pattern (2024)\nSource: lavfi testsrc2\n' >"$out/test-pattern.nfo"
# An MP4 whose extension lies, without a title tag: recognized by content (ftyp at
# offset 4), titled by its file-name stem.
# shellcheck disable=SC2086
ff -f lavfi -i "testsrc2=size=160x90:rate=10:duration=1" \
  $BITEXACT -c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p -f mp4 "$out/extras/trailer.dat"

ls -l "$out" "$out/music" "$out/extras"
du -sb "$out"
