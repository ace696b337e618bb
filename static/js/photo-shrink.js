/* Shrink phone photos in the browser before upload (a 5-12 MB photo travels as a
   few hundred KB). Without JavaScript, or where the browser cannot, the original
   file is sent and the server does the same work. */
(function () {
  "use strict";
  if (!window.DataTransfer || !window.HTMLCanvasElement || !window.createImageBitmap) return;
  function shrink(file, maxSide) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          var name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg" }));
        }, "image/jpeg", 0.82);
      });
    }).catch(function () { return file; });
  }
  document.querySelectorAll("input[type=file][data-shrink]").forEach(function (input) {
    var maxSide = parseInt(input.dataset.shrink, 10) || 1600;
    var form = input.form;
    var status = form && form.querySelector("[data-photo-status]");
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files);
      if (!files.length) return;
      var button = form && form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      if (status) status.textContent = "…";
      Promise.all(files.map(function (f) { return shrink(f, maxSide); })).then(function (out) {
        var transfer = new DataTransfer();
        out.forEach(function (f) { transfer.items.add(f); });
        input.files = transfer.files;
        var kb = Math.round(out.reduce(function (s, f) { return s + f.size; }, 0) / 1024);
        if (status) status.textContent = kb + " KB";
        if (button) button.disabled = false;
        input.dataset.shrunk = "1";
      });
    });
  });
})();
