// For a host page that embeds compute-shock in an iframe: sets each frame's height from the
// messages it sends (the Datawrapper format). Pages already running Datawrapper's, Pym's or
// AMP's own listeners do not need it.
(function () {
  if (window.__computeShockResize) return;
  window.__computeShockResize = true;
  window.addEventListener("message", function (e) {
    var data = e.data && e.data["datawrapper-height"];
    if (!data) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== e.source) continue;
      for (var key in data) {
        var h = Number(data[key]);
        if (h > 0 && h < 100000) frames[i].style.height = h + "px";
      }
    }
  });
})();
