// Progressive enhancement of the 政策问答 form: stream the answer over server-sent events.
// Without this script the form posts and the server renders the whole answer.
(function () {
  "use strict";
  var form = document.querySelector("form.ask-form");
  if (!form || !window.EventSource) { return; }
  var section = document.getElementById("answer");

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function renderSources(data) {
    if (!data.citations.length) { return; }
    section.appendChild(element("h2", "", form.dataset.sourcesLabel || "依据"));
    var list = element("ol", "sources");
    data.citations.forEach(function (citation) {
      var item = element("li");
      item.value = citation.n;
      var link = element("a", "", "《" + citation.title + "》" + citation.article);
      link.href = citation.url;
      item.appendChild(link);
      if (citation.highlights.length) {
        var quote = element("blockquote");
        citation.highlights.forEach(function (sentence, index) {
          if (index) { quote.appendChild(document.createTextNode("……")); }
          quote.appendChild(element("mark", "", sentence));
        });
        item.appendChild(quote);
      }
      list.appendChild(item);
    });
    section.appendChild(list);
  }

  form.addEventListener("submit", function (event) {
    var question = form.elements.q.value.trim();
    if (!question) { return; }
    event.preventDefault();
    section.hidden = false;
    section.textContent = "";
    var notice = element("p", "answer-notice");
    var text = element("div", "answer-text");
    notice.hidden = true;
    section.appendChild(notice);
    section.appendChild(text);
    var source = new EventSource(form.dataset.stream + "?q=" + encodeURIComponent(question));
    var finished = false;

    source.addEventListener("meta", function (message) {
      var data = JSON.parse(message.data);
      if (data.notice) { notice.textContent = data.notice; notice.hidden = false; }
    });
    source.addEventListener("delta", function (message) {
      text.textContent += JSON.parse(message.data).text;
    });
    source.addEventListener("replace", function (message) {
      var data = JSON.parse(message.data);
      notice.textContent = data.notice; notice.hidden = false;
      text.textContent = data.text;
    });
    source.addEventListener("done", function (message) {
      finished = true;
      source.close();
      var data = JSON.parse(message.data);
      text.textContent = data.answer;
      renderSources(data);
    });
    source.onerror = function () {
      source.close();
      // The stream failed (rate limit, network): fall back to the ordinary form submission.
      if (!finished) { form.submit(); }
    };
  });
})();
